import { createRequire } from 'node:module';

import { BUILD_COMMIT, BUILD_NUMBER } from '@fugood/llama.node/lib/version';

export type LlamaNodeVariant = 'default' | 'vulkan' | 'cuda';

export interface BackendAvailability {
  id: string;
  label: string;
  available: boolean;
  note?: string;
}

const requireFromHere = createRequire(__filename);

function platformPackage(variant: LlamaNodeVariant): string {
  const suffix = variant === 'default' ? '' : `-${variant}`;
  return `@fugood/node-llama-${process.platform}-${process.arch}${suffix}`;
}

/** Whether a binding variant is installed, without loading its native code into this process. */
export function isVariantInstalled(variant: LlamaNodeVariant): boolean {
  try {
    requireFromHere.resolve(`${platformPackage(variant)}/package.json`);
    return true;
  } catch {
    return false;
  }
}

export function llamaNodeVersion(): string {
  try {
    const pkg = requireFromHere('@fugood/llama.node/package.json') as { version: string };
    return pkg.version;
  } catch {
    return 'not installed';
  }
}

export function llamaCppBuild(): string {
  return `b${BUILD_NUMBER} (${BUILD_COMMIT})`;
}

/** The binding backends and what the user should know about each. */
export function describeBindingBackends(): BackendAvailability[] {
  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  return (['default', 'vulkan', 'cuda'] as const).map((variant) => {
    const available = isVariantInstalled(variant);
    const label = variant === 'default' ? 'llama.node CPU' : `llama.node ${variant.toUpperCase()}`;
    let note: string | undefined;
    if (!available) note = `package ${platformPackage(variant)} is not installed`;
    else if (variant === 'default' && linuxX64) {
      note =
        'The Linux x64 prebuilt has no AVX/AVX2 code: on CPU it is 14–79× slower than a native llama.cpp build. ' +
        'Use a GPU variant, or build the native server backend (value-atlas engine build).';
    } else if (variant === 'cuda')
      note = 'needs the CUDA 12 runtime (libcudart, libcublas) and an NVIDIA driver';
    else if (variant === 'vulkan') note = 'needs libvulkan.so.1 and a Vulkan driver';
    return { id: `llama-node:${variant}`, label, available, note };
  });
}
