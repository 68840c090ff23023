import { describe, expect, it } from 'vitest';

import {
  appendLeadIn,
  bosRule,
  encodedImage,
  PREFIX_SENTINEL,
  sharedPrefix,
  withBosOnce,
} from '../../../../src-main/engine/host/scoring-prompt';

const VOCAB = ['<unk>', '<s>', '</s>', 'A'];
const SPM = { bosTokenId: 1, addBosToken: undefined, tokenizerModel: 'llama' };

describe('BOS exactly once', () => {
  it('reads the rule from the GGUF, with llama.cpp defaults when the file does not say', () => {
    expect(bosRule(VOCAB, SPM)).toEqual({ text: '<s>', add: true });
    expect(bosRule(VOCAB, { ...SPM, tokenizerModel: 'gpt2' })).toEqual({ text: '<s>', add: false });
    expect(bosRule(VOCAB, { ...SPM, tokenizerModel: 'gpt2', addBosToken: true }).add).toBe(true);
    expect(bosRule(VOCAB, { ...SPM, addBosToken: false }).add).toBe(false);
    expect(bosRule(VOCAB, { ...SPM, bosTokenId: undefined })).toEqual({ text: null, add: false });
  });

  it('prepends BOS to text-only prompts and leaves it to mtmd for prompts with an image', () => {
    const bos = { text: '<s>', add: true };
    expect(withBosOnce('USER: hi', bos, false)).toBe('<s>USER: hi');
    expect(withBosOnce('<s>USER: hi', bos, false)).toBe('<s>USER: hi');
    expect(withBosOnce('USER: <__media__>hi', bos, true)).toBe('USER: <__media__>hi');
    expect(withBosOnce('<s>USER: <__media__>hi', bos, true)).toBe('USER: <__media__>hi');
  });

  it('leaves prompts alone for models that take no BOS', () => {
    expect(withBosOnce('<|im_start|>user', { text: '<s>', add: false }, false)).toBe('<|im_start|>user');
    expect(withBosOnce('USER: hi', { text: null, add: false }, true)).toBe('USER: hi');
  });
});

describe('lead-in', () => {
  it('adds one separating space only where the generation prompt ends without whitespace', () => {
    expect(appendLeadIn('USER: q\nASSISTANT:', 'Answer: (')).toBe('USER: q\nASSISTANT: Answer: (');
    expect(appendLeadIn('<|im_start|>assistant\n', 'Answer: (')).toBe('<|im_start|>assistant\nAnswer: (');
    expect(appendLeadIn('ASSISTANT:', ' (')).toBe('ASSISTANT: (');
    expect(appendLeadIn('ASSISTANT:', '')).toBe('ASSISTANT:');
  });
});

describe('shared prefix', () => {
  const withSentinel = `USER: persona\n${PREFIX_SENTINEL}q1\nASSISTANT:`;

  it('cuts the formatted prompt at the end of the shared user text', () => {
    const prompts = ['USER: persona\nq1\nASSISTANT: (', 'USER: persona\nq2\nASSISTANT: ('];
    expect(sharedPrefix(withSentinel, prompts)).toBe('USER: persona\n');
  });

  it('gives up (no warm-up) when the template moved the text or an item does not start with it', () => {
    expect(sharedPrefix(withSentinel, ['USER: other\nq1'])).toBeNull();
    expect(sharedPrefix(`${PREFIX_SENTINEL}x`, ['x'])).toBeNull();
    expect(sharedPrefix(`a${PREFIX_SENTINEL}b${PREFIX_SENTINEL}`, ['ab'])).toBeNull();
  });
});

describe('image encode counting', () => {
  it('counts an encode when the reused cache stopped before the end of the image chunk', () => {
    expect(encodedImage(0, 68)).toBe(true);
    expect(encodedImage(4, 68)).toBe(true);
    expect(encodedImage(68, 68)).toBe(false);
    expect(encodedImage(0, null)).toBe(false);
  });
});
