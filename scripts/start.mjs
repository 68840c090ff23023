// `npm start`: build, then launch the Electron app. Where Electron's binary cannot be had (offline
// machines, CI), say so plainly and point to browser mode instead of failing with a download error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const build = spawnSync('npx', ['electron-vite', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const relative = require('node:fs').readFileSync(pathFile, 'utf8').trim();
    const binary = join(dir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (binary === null) {
  // Electron fetches its binary on first use; try that once (it fails fast when the machine is offline).
  try {
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    // No electron package at all: handled below like a missing binary.
  }
  binary = electronBinary();
}
if (binary === null) {
  console.error(
    [
      '',
      "Electron's binary is not installed on this machine (it is downloaded on first use, and this machine is offline",
      'or the download failed). Value Atlas runs the same in browser mode:',
      '',
      '    npm run serve',
      '',
      'then open the printed URL. To use the desktop app, install Electron with network access, or set',
      'ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron folder.',
    ].join('\n'),
  );
  process.exit(1);
}
const result = spawnSync(binary, ['.'], { stdio: 'inherit' });
process.exit(result.status ?? 0);
