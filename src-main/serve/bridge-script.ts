import { buildWindowApi } from '../api/window-api';

/**
 * The browser-mode stand-in for the Electron preload: defines the same `window.api` over a WebSocket.
 * Served as `/__bridge.js` and loaded before the renderer's own scripts.
 */
export function bridgeScript(methodNames: readonly string[]): string {
  return `(() => {
  const names = ${JSON.stringify(methodNames)};
  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  let socket;
  let ready;
  function connect() {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/__ws';
    socket = new WebSocket(url);
    ready = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('Cannot reach the Value Atlas server.')), { once: true });
    });
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(message.data);
      if (data.type === 'result') {
        const entry = pending.get(data.id);
        if (entry) { pending.delete(data.id); entry(data.result); }
      } else if (data.type === 'event') {
        for (const listener of listeners.get(data.event) || []) {
          try { listener(data.payload); } catch (error) { console.error(error); }
        }
      }
    });
    socket.addEventListener('close', () => {
      for (const [, entry] of pending) entry({ ok: false, error: { code: 'unavailable', message: 'The connection to the Value Atlas server was lost.' } });
      pending.clear();
      setTimeout(connect, 1000);
    });
  }
  connect();
  async function invoke(name, input) {
    await ready;
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, name, input }));
    });
  }
  function subscribe(event, listener) {
    const set = listeners.get(event) || new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  }
  window.api = Object.freeze((${buildWindowApi.toString()})(names, invoke, subscribe));
})();
`;
}
