import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { EngineClient, forkEngineProcess } from '../../../src-main/engine/client';
import type { LoadSpec } from '../../../src-main/engine/engine';
import { useTempDirs } from '../../helpers/temp-dir';

/*
 * A stand-in engine host *process* (no llama.cpp): it speaks the host protocol over IPC and fails the ways
 * a real one does. FAKE_HOST_MODE: hang (answers nothing after 'ready'), oom (the kernel's OOM killer:
 * SIGKILL while loading), abort (a native assertion: SIGABRT). The second process a client starts is healthy,
 * so that recovery can be checked. The real host is tested with the generated tiny model elsewhere.
 */
const HOST = String.raw`
const { existsSync, writeFileSync } = require('node:fs');
const marker = process.env.FAKE_HOST_MARKER;
const healthy = existsSync(marker);
writeFileSync(marker, 'started');
process.send({ type: 'ready' });
process.on('message', (message) => {
  if (message.type === 'cancel') return;
  const mode = healthy ? 'ok' : process.env.FAKE_HOST_MODE;
  if (mode === 'hang') return;
  if (mode === 'oom' && message.type === 'load') return process.kill(process.pid, 'SIGKILL');
  if (mode === 'abort' && message.type === 'load') return process.kill(process.pid, 'SIGABRT');
  const value = message.type === 'load'
    ? { modelPath: message.spec.modelPath, mmprojPath: null, vocabSize: 10, imageSize: null, imageTokens: null,
        chatTemplate: null, backend: 'fake host', llamaCppBuild: 'none', loadMs: 1 }
    : null;
  process.send({ type: 'result', id: message.id, value });
});
`;

const SPEC: LoadSpec = {
  modelPath: '/models/big-model.gguf',
  variant: 'default',
  gpuLayers: 0,
  contextSize: 4096,
};

describe('EngineClient when the engine process hangs or is killed', () => {
  const tempDir = useTempDirs();
  let client: EngineClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  async function clientFor(mode: string, watchdogMs = 60_000) {
    const dir = await tempDir();
    const script = join(dir, 'host.cjs');
    await writeFile(script, HOST);
    process.env.FAKE_HOST_MODE = mode;
    process.env.FAKE_HOST_MARKER = join(dir, 'started');
    client = new EngineClient({ spawn: () => forkEngineProcess(script), watchdogMs });
    return client;
  }

  it('a hung engine: the watchdog stops it with a clear error, and the next request gets a fresh one', async () => {
    const engine = await clientFor('hang', 300);
    const started = Date.now();
    await expect(engine.load(SPEC)).rejects.toMatchObject({
      code: 'engine_failed',
      message:
        'The engine made no progress for 0.3 s on loading /models/big-model.gguf; it was stopped and restarts on the next request.',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(async () => (await engine.status()).restarts).toBe(1);
    await expect(engine.load(SPEC)).resolves.toMatchObject({ backend: 'fake host' });
    expect(await engine.status()).toMatchObject({ running: true, restarts: 1 });
  });

  it('an engine killed for memory: says so and what to try, then recovers', async () => {
    const engine = await clientFor('oom');
    const error = await engine.load(SPEC).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'engine_crashed', details: { file: SPEC.modelPath } });
    expect((error as Error).message).toMatch(
      /stopped unexpectedly \(SIGKILL\) while working on \/models\/big-model\.gguf\. The system killed it, most often because memory ran out: try a smaller quantisation/,
    );
    await expect(engine.load(SPEC)).resolves.toMatchObject({ modelPath: SPEC.modelPath });
  });

  it('a native assertion: names it', async () => {
    const engine = await clientFor('abort');
    await expect(engine.load(SPEC)).rejects.toThrow(/\(SIGABRT\).*failed internal check/);
  });
});
