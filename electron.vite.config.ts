import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

function mainEntries(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entries)
      .filter(([, file]) => existsSync(resolve(__dirname, file)))
      .map(([name, file]) => [name, resolve(__dirname, file)]),
  );
}

// One build for every Node-side entry: the Electron main process, the CLI (which also runs `serve`),
// the engine host process and the benchmark. Only `index` may import `electron`; the others must run
// under plain Node, where Electron's binary does not exist.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: mainEntries({
          index: 'src-main/electron/main.ts',
          cli: 'src-main/cli/main.ts',
          'engine-host': 'src-main/engine/host/main.ts',
          bench: 'src-main/bench/main.ts',
        }),
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    // The contract is imported as types only (checked by lint); the alias mirrors tsconfig.web.json's paths.
    resolve: { alias: { '@contract': resolve(__dirname, 'src-main/contract') } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
