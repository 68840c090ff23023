import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { AppError } from '../../domain/errors';
import { LLAMA_CPP_SOURCE, LLAMA_CPP_SOURCE_PACKAGE, LLAMA_CPP_SOURCE_VERSION } from './build-options';
import { runCommand } from './run-command';
import { extractTarGzEntry } from './tar';

export interface LlamaCppSource {
  dir: string;
  /** As llama.cpp's CMakeLists.txt declares it, e.g. "0.5.0-dev". */
  version: string;
  /** The upstream tag node-llama-cpp says it packed, e.g. "v0.5.0". */
  tag: string | null;
  commit: string;
}

export interface SourceProgress {
  onLine?: (line: string) => void;
  onStep?: (message: string) => void;
  signal?: AbortSignal;
}

const GIT_HINT =
  'Install git (Debian/Ubuntu: sudo apt install git; macOS: xcode-select --install; Windows: https://git-scm.com).';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Reads the version llama.cpp's top-level CMakeLists.txt declares. */
export async function readLlamaCppVersion(sourceDir: string): Promise<string> {
  const cmake = await readFile(join(sourceDir, 'CMakeLists.txt'), 'utf8');
  const part = (name: string) => new RegExp(`set\\(LLAMA_VERSION_${name}\\s+(\\d+)\\)`).exec(cmake)?.[1];
  const [major, minor, patch] = [part('MAJOR'), part('MINOR'), part('PATCH')];
  if (major === undefined || minor === undefined || patch === undefined) return 'unknown';
  const dev = /option\(LLAMA_BUILD_IS_DEV\s+"[^"]*"\s+ON\)/.test(cmake);
  return `${major}.${minor}.${patch}${dev ? '-dev' : ''}`;
}

async function gitCommit(dir: string): Promise<string> {
  let commit = 'unknown';
  await runCommand('git', ['rev-parse', '--short=9', 'HEAD'], {
    cwd: dir,
    onLine: (line) => (commit = line.trim()),
    installHint: GIT_HINT,
  });
  return commit;
}

/**
 * Fetches (once) and checks out the llama.cpp source shipped inside the pinned node-llama-cpp npm package:
 * `npm pack` downloads the package tarball (~35 MB, at the user's request), the git bundle inside it is
 * extracted and cloned. The clone stays in the cache; the tarball and bundle are removed.
 */
export async function fetchLlamaCppSource(
  root: string,
  progress: SourceProgress = {},
): Promise<LlamaCppSource> {
  const sourceDir = join(root, 'source', `llama.cpp-${LLAMA_CPP_SOURCE_PACKAGE}-${LLAMA_CPP_SOURCE_VERSION}`);
  const infoFile = join(root, 'source', `${LLAMA_CPP_SOURCE_PACKAGE}-${LLAMA_CPP_SOURCE_VERSION}.info.json`);
  if (!existsSync(join(sourceDir, 'CMakeLists.txt')) || !existsSync(join(sourceDir, 'tools', 'server'))) {
    const downloads = join(root, 'downloads');
    await rm(downloads, { recursive: true, force: true });
    await mkdir(downloads, { recursive: true });
    progress.onStep?.(`Downloading the llama.cpp source: npm pack ${LLAMA_CPP_SOURCE} (~35 MB)`);
    await runCommand(NPM, ['pack', LLAMA_CPP_SOURCE, '--silent'], {
      cwd: downloads,
      ...(progress.onLine !== undefined ? { onLine: progress.onLine } : {}),
      ...(progress.signal !== undefined ? { signal: progress.signal } : {}),
      installHint: 'npm comes with Node.js: install Node.js 20 or later from https://nodejs.org.',
      failureHint: `It downloads ${LLAMA_CPP_SOURCE} from the npm registry: check the network connection (and npm's proxy or registry settings), then try again.`,
    });
    const tarball = (await readdir(downloads)).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined)
      throw new AppError('engine_failed', `npm pack ${LLAMA_CPP_SOURCE} wrote no .tgz into ${downloads}.`);
    progress.onStep?.('Unpacking the llama.cpp git bundle from the package');
    const bundle = join(downloads, 'gitRelease.bundle');
    await extractTarGzEntry(join(downloads, tarball), 'package/llama/gitRelease.bundle', bundle);
    await mkdir(join(root, 'source'), { recursive: true });
    await extractTarGzEntry(join(downloads, tarball), 'package/llama/llama.cpp.info.json', infoFile).catch(
      () => undefined, // only informative
    );
    progress.onStep?.('Cloning the llama.cpp source from the bundle (git clone)');
    const temp = `${sourceDir}.partial`;
    await rm(temp, { recursive: true, force: true });
    await runCommand('git', ['clone', '--quiet', bundle, temp], {
      ...(progress.onLine !== undefined ? { onLine: progress.onLine } : {}),
      ...(progress.signal !== undefined ? { signal: progress.signal } : {}),
      installHint: GIT_HINT,
    });
    await rm(sourceDir, { recursive: true, force: true });
    await rename(temp, sourceDir);
    await rm(downloads, { recursive: true, force: true });
  } else progress.onStep?.(`Using the llama.cpp source already in ${sourceDir}`);
  let tag: string | null = null;
  try {
    const info = JSON.parse(await readFile(infoFile, 'utf8')) as { tag?: unknown };
    tag = typeof info.tag === 'string' ? info.tag : null;
  } catch {
    tag = null;
  }
  return {
    dir: sourceDir,
    version: await readLlamaCppVersion(sourceDir),
    tag,
    commit: await gitCommit(sourceDir),
  };
}
