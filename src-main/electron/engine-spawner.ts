import { utilityProcess } from 'electron';

import { defaultHostScript, type EngineProcess } from '../engine/client';
import type { HostReply } from '../engine/host/protocol';

/** The engine host as an Electron utilityProcess: a native crash there never takes the window down. */
export function spawnUtilityEngine(): EngineProcess {
  const child = utilityProcess.fork(defaultHostScript(), [], {
    serviceName: 'Value Atlas engine',
    stdio: 'ignore',
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: HostReply) => listener(message)),
    onExit: (listener) => child.on('exit', (code) => listener(code, null)),
    kill: () => {
      child.kill();
    },
  };
}
