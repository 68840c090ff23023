import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { LLAMA_CPP_ARCHITECTURES } from '../../../src-main/engine/llama-cpp-architectures';
import { REPO_ROOT } from '../../helpers/repo';

const SOURCE = join(REPO_ROOT, 'node_modules/@fugood/llama.node/src/llama.cpp/src/llama-arch.cpp');

describe('architectures the pinned llama.cpp can load', () => {
  it.skipIf(!existsSync(SOURCE))('match the installed binding’s architecture table', () => {
    const source = readFileSync(SOURCE, 'utf8');
    const table = source.slice(
      source.indexOf('LLM_ARCH_NAMES'),
      source.indexOf('};', source.indexOf('LLM_ARCH_NAMES')),
    );
    const names = [...table.matchAll(/\{\s*LLM_ARCH_\w+,\s*"([^"]+)"\s*\}/g)]
      .map((match) => match[1]!)
      .filter((name) => name !== 'clip' && name !== '(unknown)');
    expect([...LLAMA_CPP_ARCHITECTURES].sort()).toEqual(names.sort());
  });
});
