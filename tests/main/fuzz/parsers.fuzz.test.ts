import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseGoqaRow } from '../../../src-main/domain/data/goqa';
import { parsePythonLiteral } from '../../../src-main/domain/data/python-literal';
import { isAppError } from '../../../src-main/domain/errors';
import { createRandom, randomInt, type Random } from '../../../src-main/domain/stats/prng';
import { readGgufHeader } from '../../../src-main/engine/gguf/reader';
import { useTempDirs } from '../../helpers/temp-dir';
import { getTinyModel } from '../../helpers/tiny-model';
import { caseCount } from './fuzz-kit';

// Seeded, bounded mutation fuzzing: every malformed input must end in a value or a clear AppError —
// never a crash, another exception type, or a hang. The case counts are printed for the closing notes;
// the stress run multiplies them (VALUE_ATLAS_FUZZ_MULTIPLIER).
const SEEDS = { literal: 11, goqa: 12, gguf: 13 };
const COUNTS = { literal: caseCount(3000), goqa: caseCount(1000), gguf: caseCount(600) };

function mutate(text: string, random: Random): string {
  const chars = [...text];
  const edits = 1 + randomInt(random, 4);
  const alphabet = `'"[]{}(),:\\\\0123456789.eE-+ TrueFalseNone\u0000\uD800é\n`;
  for (let i = 0; i < edits; i++) {
    const at = randomInt(random, Math.max(1, chars.length));
    const kind = randomInt(random, 3);
    if (kind === 0) chars.splice(at, 1);
    else if (kind === 1) chars.splice(at, 0, alphabet[randomInt(random, alphabet.length)] ?? 'x');
    else chars.splice(at, randomInt(random, 8));
  }
  return chars.join('');
}

function expectCleanFailure(run: () => unknown): 'ok' | 'error' {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(isAppError(error), String(error)).toBe(true);
    return 'error';
  }
}

describe('fuzzing the parsers of untrusted files', () => {
  const tempDir = useTempDirs();

  it(`Python literals and GlobalOpinionQA rows: ${COUNTS.literal + COUNTS.goqa} mutated inputs, each a value or a clear error`, () => {
    const random = createRandom(SEEDS.literal);
    const seedTexts = [
      `defaultdict(<class 'list'>, {'Great Britain': [0.4, 0.6], "Côte d'Ivoire": [1e-2, 0.99]})`,
      `['Most people can be trusted', "Don't know", 'No answer']`,
      `{'a': (1, -2.5, True, None), 'b': [[], {}, '\\u00e9\\x41']}`,
    ];
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < COUNTS.literal; i++) {
      const input = mutate(seedTexts[i % seedTexts.length]!, random);
      outcomes[expectCleanFailure(() => parsePythonLiteral(input))]++;
    }
    const rowRandom = createRandom(SEEDS.goqa);
    for (let i = 0; i < COUNTS.goqa; i++) {
      const row = {
        question: mutate('How important is family?', rowRandom),
        options: mutate(seedTexts[1]!, rowRandom),
        selections: mutate(seedTexts[0]!, rowRandom),
        source: 'WVS',
      };
      const result = parseGoqaRow(row);
      expect('error' in result || Array.isArray(result.distributions)).toBe(true);
    }
    // Deep nesting must not overflow the stack into an uncaught RangeError.
    expectCleanFailure(() => parsePythonLiteral('['.repeat(5000)));
    expectCleanFailure(() => parsePythonLiteral(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expectCleanFailure(() => parsePythonLiteral(`${'{1: '.repeat(100_000)}2${'}'.repeat(100_000)}`));
    console.log(
      `python-literal fuzz: ${outcomes.ok} parsed, ${outcomes.error} refused; goqa rows: ${COUNTS.goqa}`,
    );
    expect(outcomes.error).toBeGreaterThan(0);
  });

  it(`GGUF headers: ${COUNTS.gguf} corrupted files, each read or refused with an error naming the file`, async () => {
    const { modelPath, mmprojPath } = await getTinyModel();
    const random = createRandom(SEEDS.gguf);
    const dir = await tempDir();
    let refused = 0;
    for (let i = 0; i < COUNTS.gguf; i++) {
      const source = await readFile(i % 2 === 0 ? modelPath : mmprojPath);
      // Corrupt the header region (where counts, lengths and types live), never the weights.
      const bytes = Buffer.from(source);
      for (let edit = 0; edit < 1 + randomInt(random, 6); edit++)
        bytes[randomInt(random, Math.min(bytes.length, 4096))] = randomInt(random, 256);
      const file = join(dir, `case-${i}.gguf`);
      await writeFile(file, i % 7 === 0 ? bytes.subarray(0, randomInt(random, bytes.length)) : bytes);
      try {
        await readGgufHeader(file, { keepArrays: ['tokenizer.ggml.tokens'] });
      } catch (error) {
        expect(isAppError(error), String(error)).toBe(true);
        if (isAppError(error)) expect(error.details.file).toBe(file);
        refused++;
      }
    }
    console.log(`gguf fuzz: ${COUNTS.gguf} cases, ${refused} refused with a clear error`);
    // Both outcomes occur: the fuzz reaches deep into valid headers as well as failing early.
    expect(refused).toBeGreaterThan(COUNTS.gguf / 6);
    expect(refused).toBeLessThan(COUNTS.gguf);
  });
});
