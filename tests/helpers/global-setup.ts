import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tests that start processes (engine host, CLI, serve) use the built output. `npm test` builds first;
 * when a developer runs vitest alone, build once here so those tests do not fail for a missing file.
 */
export default function setup(): void {
  const root = join(__dirname, '..', '..');
  if (
    !existsSync(join(root, 'out', 'main', 'cli.js')) ||
    !existsSync(join(root, 'out', 'renderer', 'index.html'))
  ) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
