import { describe, expect, it } from 'vitest';

import {
  cmakeBuildArgs,
  cmakeConfigureArgs,
  optionsHash,
  parseBuildProgress,
  serverBinaryName,
} from '../../../../src-main/engine/native/build-options';

const CPU = { cuda: false, vulkan: false, metal: false };

describe('native build options', () => {
  it('hashes what makes builds interchangeable: GPU options and CPU features, not their order', () => {
    const base = optionsHash(CPU, ['avx2', 'fma']);
    expect(base).toMatch(/^[0-9a-f]{12}$/);
    expect(optionsHash(CPU, ['fma', 'avx2'])).toBe(base);
    expect(optionsHash(CPU, ['avx2'])).not.toBe(base);
    expect(optionsHash({ ...CPU, cuda: true }, ['avx2', 'fma'])).not.toBe(base);
  });

  it('configures a native Release build of a static llama-server with nothing that reaches the network', () => {
    const args = cmakeConfigureArgs('/src', '/build', CPU, 'Ninja');
    expect(args.slice(0, 6)).toEqual(['-S', '/src', '-B', '/build', '-G', 'Ninja']);
    expect(args).toEqual(
      expect.arrayContaining([
        '-DCMAKE_BUILD_TYPE=Release',
        '-DGGML_NATIVE=ON',
        '-DBUILD_SHARED_LIBS=OFF',
        '-DLLAMA_BUILD_TESTS=OFF',
        '-DLLAMA_BUILD_EXAMPLES=OFF',
        '-DLLAMA_OPENSSL=OFF',
        '-DLLAMA_USE_PREBUILT_UI=OFF',
        '-DGGML_CUDA=OFF',
        '-DGGML_VULKAN=OFF',
        '-DGGML_METAL=OFF',
      ]),
    );
    const cuda = cmakeConfigureArgs('/src', '/build', { ...CPU, cuda: true }, 'default', {
      cudaCompiler: '/usr/local/cuda/bin/nvcc',
    });
    expect(cuda).toEqual(
      expect.arrayContaining(['-DGGML_CUDA=ON', '-DCMAKE_CUDA_COMPILER=/usr/local/cuda/bin/nvcc']),
    );
    expect(cuda).not.toContain('-G');
  });

  it('builds only the llama-server target with the given number of jobs', () => {
    expect(cmakeBuildArgs('/build', 3)).toEqual([
      '--build',
      '/build',
      '--config',
      'Release',
      '--target',
      'llama-server',
      '-j',
      '3',
    ]);
    expect(serverBinaryName('win32')).toBe('llama-server.exe');
    expect(serverBinaryName('linux')).toBe('llama-server');
  });

  it('reads progress from ninja and make lines', () => {
    expect(parseBuildProgress('[12/204] Building CXX object ggml/src/ggml.cpp.o')).toEqual({
      done: 12,
      total: 204,
    });
    expect(parseBuildProgress('[ 42%] Building C object x.o')).toEqual({ done: 42, total: 100 });
    expect(parseBuildProgress('-- Configuring done')).toBeUndefined();
  });
});
