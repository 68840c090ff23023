import { describe, expect, it } from 'vitest';

import type { BackendAvailability } from '../../../../src-main/engine/backends';
import {
  describeServerBackends,
  recommendBackend,
  type ServerBackendFacts,
} from '../../../../src-main/engine/native/describe';
import type { InstalledBuild } from '../../../../src-main/engine/native/installed';

const BINDINGS: BackendAvailability[] = [
  { id: 'llama-node:default', label: 'llama.node CPU', available: true },
  { id: 'llama-node:vulkan', label: 'llama.node VULKAN', available: false },
  { id: 'llama-node:cuda', label: 'llama.node CUDA', available: true },
];

const BUILD = {
  llamaCppVersion: '0.5.0-dev',
  commit: 'de3ff815e',
  options: { cuda: false, vulkan: false, metal: false, native: true },
  builtAt: '2026-11-22T13:30:00.000Z',
  binaryPath: '/cache/llama-server/0.5.0-dev-x/llama-server',
} as InstalledBuild;

function facts(overrides: Partial<ServerBackendFacts> = {}): ServerBackendFacts {
  return {
    builds: [],
    usable: undefined,
    customBinary: null,
    customBinaryExists: false,
    remotes: [],
    ...overrides,
  };
}

describe('server backends and the recommendation', () => {
  it('describes the native build, a custom binary and remote servers', () => {
    const missing = describeServerBackends(facts());
    expect(missing[0]).toMatchObject({ id: 'llama-server:native', available: false });
    expect(missing[0]?.note).toContain('npm run engine:build');
    const found = describeServerBackends(
      facts({
        builds: [BUILD],
        usable: BUILD,
        customBinary: '/opt/llama-server',
        customBinaryExists: false,
        remotes: [{ id: 'gpu-box', kind: 'openai', url: 'http://gpu-box:8000' }],
      }),
    );
    expect(found.map((entry) => [entry.id, entry.available])).toEqual([
      ['llama-server:native', true],
      ['llama-server:custom', false],
      ['remote:gpu-box', true],
    ]);
    expect(found[0]?.note).toContain('llama.cpp 0.5.0-dev (de3ff815e), CPU only');
    expect(found[2]?.note).toContain('text generation only');
  });

  it('recommends the native build on CPU, the binding on Linux only with the measured slowdown and how to build', () => {
    const withNative = [...BINDINGS, ...describeServerBackends(facts({ builds: [BUILD], usable: BUILD }))];
    expect(recommendBackend(withNative, { preferred: null, nvidiaGpu: false, linuxX64: true }).id).toBe(
      'llama-server:native',
    );
    const without = [...BINDINGS, ...describeServerBackends(facts())];
    const fallback = recommendBackend(without, { preferred: null, nvidiaGpu: false, linuxX64: true });
    expect(fallback.id).toBe('llama-node:default');
    expect(fallback.reason).toMatch(/79× slower at encoding images, 17–21× slower at prompt processing/);
    expect(fallback.reason).toContain('npm run engine:build');
    expect(recommendBackend(without, { preferred: null, nvidiaGpu: true, linuxX64: true }).id).toBe(
      'llama-node:cuda',
    );
  });

  it('follows the user’s choice when it is available, not otherwise', () => {
    const backends = [...BINDINGS, ...describeServerBackends(facts({ builds: [BUILD], usable: BUILD }))];
    expect(
      recommendBackend(backends, { preferred: 'llama-node:default', nvidiaGpu: false, linuxX64: true }),
    ).toEqual({
      id: 'llama-node:default',
      reason: 'your choice (setting)',
    });
    expect(
      recommendBackend(backends, { preferred: 'llama-node:vulkan', nvidiaGpu: false, linuxX64: true }).id,
    ).toBe('llama-server:native');
  });
});
