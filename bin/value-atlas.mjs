#!/usr/bin/env node
// Entry point of the `value-atlas` command. The CLI is built with the app (npm run build).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('Value Atlas is not built yet. Run: npm run build\n');
  process.exit(1);
}
createRequire(import.meta.url)(built);
