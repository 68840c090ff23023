// The engine host: a process of its own that holds the native llama.cpp binding. It talks to its parent
// over the IPC channel only (native code prints to stdout, so stdout is never part of the protocol).
import { toErrorPayload } from '../../domain/errors';
import { LlamaNodeBackend } from './llama-node-backend';
import type { HostReply, HostRequest } from './protocol';

const backend = new LlamaNodeBackend();

/** In Electron's utilityProcess the channel is `process.parentPort`; under Node's fork() it is process.send. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

function send(reply: HostReply): void {
  if (parentPort !== undefined) parentPort.postMessage(reply);
  else process.send?.(reply);
}

async function handle(message: HostRequest): Promise<void> {
  const { id } = message;
  try {
    switch (message.type) {
      case 'ping':
        return send({ id, type: 'result', value: { pid: process.pid, loaded: backend.current } });
      case 'load':
        return send({ id, type: 'result', value: await backend.load(message.spec) });
      case 'unload':
        await backend.unload();
        return send({ id, type: 'result', value: null });
      case 'score': {
        const counters = await backend.scoreBatch(id, message.request, (result) =>
          send({ id, type: 'partial', value: result }),
        );
        return send({ id, type: 'result', value: counters });
      }
      case 'generate': {
        const result = await backend.generate(id, message.request, (text) =>
          send({ id, type: 'partial', value: text }),
        );
        return send({ id, type: 'result', value: result });
      }
      case 'cancel':
        backend.cancel(message.target);
        return send({ id, type: 'result', value: null });
    }
  } catch (error) {
    send({ id, type: 'error', error: toErrorPayload(error) });
  }
}

// One request at a time, in order: the binding's slot manager is single-slot here, and ordering keeps
// results deterministic. Cancel messages skip the queue so they can interrupt the running request.
let queue: Promise<void> = Promise.resolve();
function receive(message: HostRequest): void {
  // handle() reports every failure to the parent itself, so nothing is left to catch here.
  if (message.type === 'cancel') {
    handle(message).catch(() => undefined);
    return;
  }
  queue = queue.then(() => handle(message)).catch(() => undefined);
}
if (parentPort !== undefined) parentPort.on('message', (event) => receive(event.data as HostRequest));
else process.on('message', receive);

process.on('disconnect', () => {
  // The parent is gone: do not linger holding gigabytes of model.
  backend
    .unload()
    .catch(() => undefined)
    .finally(() => process.exit(0));
});

send({ id: 0, type: 'ready', pid: process.pid });
