import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { LlamaServerBackend } from '../../../../src-main/engine/backends/llama-server';
import type { ScoreBatchRequest, ScoreResult } from '../../../../src-main/engine/engine';
import { useTempDirs } from '../../../helpers/temp-dir';
import { RECORDED_MARKER, startServerDouble, type Candidate, type ServerDouble } from './llama-server-double';

/** The error a promise rejects with; fails the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught as Error,
  );
}

const KEY = 'secret-key-0123456789';
const SPEC = {
  modelPath: '/models/model.gguf',
  variant: 'default' as const,
  gpuLayers: 0,
  contextSize: 2048,
};

// Raw next-token mass: "A" twice (space-prefixed and bare), "(B" once, and a non-letter.
const LETTER_CANDIDATES: Candidate[] = [
  { id: 900, token: 'x', logprob: Math.log(0.4) },
  { id: 10, token: ' A', logprob: Math.log(0.3) },
  { id: 12, token: '(B', logprob: Math.log(0.2) },
  { id: 11, token: 'A', logprob: Math.log(0.1) },
];

function batch(imagePath?: string): ScoreBatchRequest {
  return {
    prefixText: 'You live in Japan.\n',
    suffixes: [
      { id: 'q1', text: 'Trust people? (A) Yes (B) No', optionLabels: ['A', 'B'] },
      { id: 'q2', text: 'Family? (A) Yes (B) No', optionLabels: ['A', 'B'] },
    ],
    leadIn: 'Answer: (',
    ...(imagePath !== undefined ? { imagePath } : {}),
  };
}

describe('LlamaServerBackend against a recorded llama-server protocol (remote target)', () => {
  const tempDir = useTempDirs();
  let double: ServerDouble;
  let backend: LlamaServerBackend;
  let image: string;

  beforeEach(async () => {
    double = await startServerDouble({ apiKey: KEY, candidates: LETTER_CANDIDATES });
    backend = new LlamaServerBackend({
      target: { kind: 'remote', baseUrl: double.url, apiKey: KEY },
      watchdogMs: 400,
    });
    image = join(await tempDir(), 'image.png');
    await writeFile(image, Buffer.from('not really a png, the double does not decode it'));
  });
  afterEach(async () => {
    await backend.close();
    await double.close();
  });

  async function score(request: ScoreBatchRequest, signal?: AbortSignal) {
    const results: ScoreResult[] = [];
    const counters = await backend.scoreBatch(request, (result) => void results.push(result), signal);
    return { results, counters };
  }

  it('loads: model, vocabulary size and build from /props and /v1/models', async () => {
    const loaded = await backend.load(SPEC);
    expect(loaded).toMatchObject({ modelPath: 'model.gguf', vocabSize: 1120, llamaCppBuild: 'b1-de3ff81' });
    expect(loaded.backend).toContain(double.url);
  });

  it('scores with the raw templated prompt, the image as multimodal data and raw-softmax settings', async () => {
    await backend.load(SPEC);
    const { results, counters } = await score(batch(image));
    const completions = double.requests.filter((entry) => entry.path === '/completion');
    expect(completions).toHaveLength(3); // the shared prefix alone, then each item
    const [warm, first] = completions.map((entry) => entry.body);
    expect(warm?.prompt).toEqual({
      prompt_string: `USER: ${RECORDED_MARKER}\nYou live in Japan.\n`,
      multimodal_data: [Buffer.from('not really a png, the double does not decode it').toString('base64')],
    });
    expect(first).toMatchObject({
      prompt: {
        prompt_string: `USER: ${RECORDED_MARKER}\nYou live in Japan.\nTrust people? (A) Yes (B) No\nASSISTANT: Answer: (`,
      },
      n_predict: 1,
      n_probs: 1120,
      post_sampling_probs: false,
      temperature: -1,
      cache_prompt: true,
      id_slot: 0,
    });
    expect(results.map((result) => result.id)).toEqual(['q1', 'q2']);
    const [result] = results;
    expect(result?.rawByLabel[0]).toBeCloseTo(0.4, 6); // ' A' + 'A'
    expect(result?.rawByLabel[1]).toBeCloseTo(0.2, 6); // '(B'
    expect(result?.coverage).toBeCloseTo(0.6, 6);
    expect(result?.probabilities[0]).toBeCloseTo(2 / 3, 6);
    expect(result?.formattedPrompt).toBe(
      'USER: <__media__>\nYou live in Japan.\nTrust people? (A) Yes (B) No\nASSISTANT: Answer: (',
    );
    expect(result?.topTokens[0]).toEqual({ token: 'x', prob: expect.closeTo(0.4, 6) as unknown });
    expect(counters.imageEncodes).toBe(1); // the warm-up only: every item found the prefix cached
    expect(counters.cachedTokens).toBe(140);
  });

  it('evaluates every item from scratch with noPromptCache (the naive mode of the benchmark)', async () => {
    const naive = new LlamaServerBackend({
      target: { kind: 'remote', baseUrl: double.url, apiKey: KEY },
      noPromptCache: true,
    });
    await naive.load(SPEC);
    const results: ScoreResult[] = [];
    const counters = await naive.scoreBatch(batch(image), (result) => void results.push(result));
    const completions = double.requests
      .filter((entry) => entry.path === '/completion')
      .map((entry) => entry.body);
    expect(completions).toHaveLength(2);
    expect(completions.every((body) => body.cache_prompt === false)).toBe(true);
    expect(counters.imageEncodes).toBe(2);
  });

  it('streams generated text with the sampling settings', async () => {
    await backend.load(SPEC);
    const tokens: string[] = [];
    const result = await backend.generate(
      {
        user: 'Describe the picture.',
        imagePath: image,
        sampling: { temperature: 0.8, topP: 0.95, seed: 7, maxTokens: 3, stop: ['\n'] },
      },
      (token) => tokens.push(token),
    );
    expect(result).toMatchObject({
      text: ' ph rathewh',
      completionTokens: 3,
      promptTokens: 8,
      interrupted: false,
    });
    expect(tokens).toEqual([' ph', ' rathe', 'wh']);
    const body = double.requests.find((entry) => entry.path === '/completion')?.body;
    expect(body).toMatchObject({
      stream: true,
      n_predict: 3,
      temperature: 0.8,
      top_p: 0.95,
      seed: 7,
      stop: ['\n'],
    });
  });

  it('refuses to attribute a remote server’s answers to another model', async () => {
    await expect(backend.load({ ...SPEC, modelPath: '/models/other.gguf' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining("runs 'model.gguf', not 'other.gguf'") as unknown,
    });
  });

  it('a wrong API key: a clear error that does not repeat the key', async () => {
    const wrong = new LlamaServerBackend({
      target: { kind: 'remote', baseUrl: double.url, apiKey: 'nope-nope' },
    });
    const error = await failure(wrong.load(SPEC));
    expect(error).toMatchObject({
      code: 'engine_failed',
      message: expect.stringContaining('refused the API key') as unknown,
    });
    expect(error.message).not.toContain('nope-nope');
  });

  it.each([
    ['garbage', 'engine_failed', 'is not JSON'],
    ['bad-shape', 'engine_failed', 'is not a valid /completion answer'],
    ['http-400', 'engine_failed', "Field 'n_probs'"],
    ['hang', 'engine_failed', 'sent nothing for 0.4 s'],
    ['drop', 'network', 'connection to the server failed'],
  ] as const)(
    'a server that answers with %s: a clear AppError, and the next request works',
    async (fault, code, text) => {
      await backend.load(SPEC);
      double.fault = fault;
      await expect(score(batch(image))).rejects.toMatchObject({
        code,
        message: expect.stringContaining(text) as unknown,
      });
      double.fault = 'none';
      expect((await score(batch(image))).results).toHaveLength(2);
    },
  );

  it('cancels through the AbortSignal with a cancelled error', async () => {
    await backend.load(SPEC);
    double.fault = 'hang';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(score(batch(), controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses option labels that are not consecutive letters from A', async () => {
    await backend.load(SPEC);
    const bad = batch();
    bad.suffixes[0]!.optionLabels = ['A', 'C'];
    await expect(score(bad)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
