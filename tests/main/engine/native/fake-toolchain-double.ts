import { existsSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/*
 * Stand-ins for the programs a native build runs (npm, git, cmake, ninja, c++), as shell scripts on a
 * private PATH. They act out the real protocol — npm pack writes a package tarball with a git bundle in
 * it, git clones a llama.cpp-shaped tree, cmake configures and "compiles" (printing ninja progress) a
 * llama-server that answers --version — so the whole build can be tested without a compiler or network.
 * FAKE_FAIL=<tool> makes that tool fail the way the real one does.
 */
const TOOLS: Record<string, string> = {
  npm: `
if [ "$FAKE_FAIL" = npm ]; then echo "npm error code ENOTFOUND" >&2; echo "npm error network request to https://registry.npmjs.org/node-llama-cpp failed" >&2; exit 1; fi
[ "$1" = pack ] || exit 2
mkdir -p stage/package/llama
echo "fake bundle" > stage/package/llama/gitRelease.bundle
echo '{"tag":"v0.5.0","llamaCppGithubRepo":"ggml-org/llama.cpp"}' > stage/package/llama/llama.cpp.info.json
tar -czf node-llama-cpp-3.22.1.tgz -C stage package && rm -rf stage
echo node-llama-cpp-3.22.1.tgz`,
  git: `
case "$1" in
  --version) echo "git version 2.39.5" ;;
  clone)
    if [ "$FAKE_FAIL" = git ]; then echo "fatal: repository '$3' does not exist" >&2; exit 128; fi
    dest="$4"; mkdir -p "$dest/tools/server"
    printf 'set(LLAMA_VERSION_MAJOR 0)\\nset(LLAMA_VERSION_MINOR 5)\\nset(LLAMA_VERSION_PATCH 0)\\noption(LLAMA_BUILD_IS_DEV "llama: dev build" ON)\\n' > "$dest/CMakeLists.txt" ;;
  rev-parse) echo "de3ff815e" ;;
esac`,
  cmake: `
case "$1" in
  --version) echo "cmake version 3.25.1" ;;
  -S)
    if [ "$FAKE_FAIL" = configure ]; then echo "CMake Error: CMAKE_CXX_COMPILER not set" >&2; exit 1; fi
    mkdir -p "$4"; echo "-- configure: $*"; echo "-- Build files have been written to: $4" ;;
  --build)
    if [ "$FAKE_FAIL" = compile ]; then echo "[1/3] Building CXX object ggml.o"; echo "ggml.c:1:1: error: expected ';'" >&2; exit 1; fi
    mkdir -p "$2/bin"
    for i in 1 2 3; do echo "[$i/3] Building CXX object step$i.o"; done
    printf '#!/bin/sh\\necho "version: 0.5.0-dev (build 1, commit de3ff81)" >&2\\n' > "$2/bin/llama-server"
    chmod +x "$2/bin/llama-server" ;;
esac`,
  ninja: 'echo 1.11.1',
  'c++': 'echo "c++ (Debian 12.2.0-14) 12.2.0"',
};

/** Writes the tools into `dir` and returns a PATH with only them and the basic system tools. */
export async function writeFakeToolchain(dir: string, without: readonly string[] = []): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, body] of Object.entries(TOOLS)) {
    if (without.includes(name)) continue;
    await writeFile(join(dir, name), `#!/bin/sh\n${body.trim()}\n`);
    await chmod(join(dir, name), 0o755);
  }
  // sh, tar, mkdir, rm… from the system; no real cmake/git/npm/c++ may leak in, so link only these.
  const system = join(dir, 'system');
  await mkdir(system, { recursive: true });
  for (const tool of ['sh', 'tar', 'gzip', 'mkdir', 'rm', 'echo', 'printf', 'chmod', 'cat']) {
    const found = ['/usr/bin', '/bin'].map((folder) => join(folder, tool)).find((path) => existsSync(path));
    if (found !== undefined && !existsSync(join(system, tool))) await symlink(found, join(system, tool));
  }
  return [dir, system].join(delimiter);
}
