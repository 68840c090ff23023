// Pure prompt assembly for the llama.node backend: no native code here, so every rule is unit-tested.

/** How the model wants its beginning-of-sequence token, read from the GGUF. */
export interface BosRule {
  /** The BOS token's text (e.g. `<s>`), or null when the vocabulary has none. */
  text: string | null;
  /** `tokenizer.ggml.add_bos_token`, or llama.cpp's default for the tokenizer when the file does not say. */
  add: boolean;
}

/** llama.cpp adds BOS by default for SentencePiece (`llama`) and WordPiece vocabularies, not for BPE. */
export function bosRule(
  vocabulary: readonly string[],
  info: {
    bosTokenId: number | undefined;
    addBosToken: boolean | undefined;
    tokenizerModel: string | undefined;
  },
): BosRule {
  const text = info.bosTokenId === undefined ? null : (vocabulary[info.bosTokenId] ?? null);
  const add = info.addBosToken ?? (info.tokenizerModel === 'llama' || info.tokenizerModel === 'bert');
  return { text, add: add && text !== null };
}

/**
 * BOS exactly once. @fugood/llama.node 1.7.15 tokenises a text-only prompt without adding BOS, while mtmd
 * adds it to a prompt that carries media (both measured); llama.cpp's chat code already drops a BOS that a
 * template writes itself. So the text is prepended for text-only prompts and removed for media prompts.
 */
export function withBosOnce(prompt: string, bos: BosRule, hasMedia: boolean): string {
  if (!bos.add || bos.text === null) return prompt;
  const bare = prompt.startsWith(bos.text) ? prompt.slice(bos.text.length) : prompt;
  return hasMedia ? bare : bos.text + bare;
}

/**
 * The assistant lead-in goes right after the template's generation prompt. A generation prompt that ends
 * without whitespace ("ASSISTANT:") gets one separating space, as a chat reply would (METHODS.md §2.3).
 */
export function appendLeadIn(prompt: string, leadIn: string): string {
  if (leadIn === '') return prompt;
  const needsSpace = !/\s$/.test(prompt) && !/^\s/.test(leadIn);
  return prompt + (needsSpace ? ' ' : '') + leadIn;
}

/** Marks the end of the shared user text inside a formatted prompt; no template writes this character. */
export const PREFIX_SENTINEL = '\u0007';

/**
 * The shared prefix of a group: the prompt formatted with the sentinel right after the shared user text,
 * cut at the sentinel. Returns null when the template moved or rewrote it, or when some item's prompt
 * does not start with it (then nothing is warmed and each item is evaluated as it comes).
 */
export function sharedPrefix(formattedWithSentinel: string, prompts: readonly string[]): string | null {
  const at = formattedWithSentinel.indexOf(PREFIX_SENTINEL);
  if (at <= 0 || formattedWithSentinel.indexOf(PREFIX_SENTINEL, at + 1) !== -1) return null;
  const prefix = formattedWithSentinel.slice(0, at);
  return prompts.every((prompt) => prompt.startsWith(prefix)) ? prefix : null;
}

/**
 * Whether a request re-encoded the image: the image chunk ends at `imageEnd` tokens, so a request whose
 * cache covered fewer tokens than that had to encode it again (the cache keeps whole chunks only).
 */
export function encodedImage(cachedTokens: number, imageEnd: number | null): boolean {
  return imageEnd !== null && cachedTokens < imageEnd;
}
