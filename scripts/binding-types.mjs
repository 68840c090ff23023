// @fugood/llama.node ships TypeScript sources but no declaration files, so TypeScript would type-check
// its sources under this project's strict flags. Emit declarations once into a git-ignored cache and map
// the package there (tsconfig.node.json `paths`). Runs before `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@fugood/llama.node/package.json'));
const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
const outDir = join(root, '.cache', 'types', 'llama-node');
const stamp = join(outDir, `.version-${version}`);

if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(join(packageDir, 'package.json')).mtimeMs) {
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      // Every source is a root: TypeScript never emits files it only reached through node_modules imports.
      ...readdirSync(join(packageDir, 'lib'))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
        .map((name) => join(packageDir, 'lib', name)),
      '--declaration',
      '--emitDeclarationOnly',
      '--skipLibCheck',
      '--esModuleInterop',
      '--target',
      'es2022',
      '--module',
      'commonjs',
      '--moduleResolution',
      'node',
      '--types',
      'node',
      '--outDir',
      outDir,
    ],
    { stdio: 'inherit' },
  );
  execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(stamp)}, '')`]);
}
