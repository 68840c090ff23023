import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const OUT_DIR = join(REPO_ROOT, 'out');
export const RENDERER_DIR = join(OUT_DIR, 'renderer');
export const CLI_JS = join(OUT_DIR, 'main', 'cli.js');
/** Screenshots and other artefacts tests leave for people to look at. */
export const TEST_OUTPUT_DIR = join(REPO_ROOT, 'test-output');
