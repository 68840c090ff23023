import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { runCli } from './run-cli';

// Built to out/main/cli.js: the renderer is beside it and the repository root two levels up.
const rendererDir = join(__dirname, '../renderer');
const repoModels = join(__dirname, '../../models');

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

runCli(process.argv.slice(2), {
  io: { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
  rendererDir,
  modelFolders: existsSync(repoModels) ? [repoModels] : [],
  interrupted: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
