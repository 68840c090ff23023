import { AppError } from '../../domain/errors';

/**
 * The test models' SentencePiece ("llama") vocabulary with byte fallback (TINY-MODEL.md §3.2).
 *
 * llama.cpp's SPM tokenizer merges two adjacent symbols only when their concatenation is itself a vocabulary
 * entry, so every prefix of every word is included (bare and with the ▁ word marker): each word then has a
 * left-to-right merge path and tokenises to one piece.
 */

/**
 * Words used in test prompts: chat template and survey framing, answer scales, value domains, countries and
 * numbers beyond the single digits (printable ASCII pieces anyway). Every prefix becomes a token, so the list
 * decides the vocabulary size: 1,120 tokens with this list.
 */
export const TEST_WORDS: readonly string[] = `
  USER ASSISTANT Question Answer answer Option choose Please reply with only one letter number respondent
  you are your how What what think which Which this the The from shows image picture photo country people
  live most can be and of to in is
  agree disagree strongly neither nor important very rather not at all yes no Yes No
  family friends trust religion politics work leisure life
  Nigeria Germany Japan India Brazil Mexico China Egypt Kenya Sweden France Turkey Indonesia Pakistan
  Argentina United States Canada Peru Chile Spain
  10 100
`
  .trim()
  .split(/\s+/);

export const SPACE_MARK = '\u2581';

export const TokenKind = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

export interface SpmVocabulary {
  tokens: string[];
  scores: Float32Array;
  tokenTypes: Int32Array;
}

/**
 * Builds the vocabulary: `<unk>`, `<s>`, `</s>`, the 256 byte tokens, ▁, printable ASCII (bare and with ▁),
 * then word prefixes, padded with `<unusedN>` to `size` (default: the next multiple of 32).
 */
export function buildSpmVocabulary(words: readonly string[] = TEST_WORDS, size?: number): SpmVocabulary {
  const special: Array<[string, number]> = [
    ['<unk>', TokenKind.UNKNOWN],
    ['<s>', TokenKind.CONTROL],
    ['</s>', TokenKind.CONTROL],
  ];
  for (let byte = 0; byte < 256; byte++) {
    special.push([`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, TokenKind.BYTE]);
  }
  const pieces: string[] = [];
  const seen = new Set<string>();
  const add = (piece: string): void => {
    if (seen.has(piece)) return;
    seen.add(piece);
    pieces.push(piece);
  };
  add(SPACE_MARK);
  for (let code = 0x21; code <= 0x7e; code++) {
    add(String.fromCharCode(code));
    add(SPACE_MARK + String.fromCharCode(code));
  }
  for (const word of words) {
    const chars = [...word];
    for (let length = 1; length <= chars.length; length++) {
      const prefix = chars.slice(0, length).join('');
      add(prefix);
      add(SPACE_MARK + prefix);
    }
  }
  const used = special.length + pieces.length;
  const total = size ?? Math.ceil(used / 32) * 32;
  if (total < used) {
    throw new AppError(
      'invalid_input',
      `The vocabulary needs ${used} tokens, more than the requested ${total}.`,
    );
  }
  const tokens: string[] = [];
  const scores = new Float32Array(total);
  const tokenTypes = new Int32Array(total);
  for (const [piece, kind] of special) {
    tokenTypes[tokens.length] = kind;
    tokens.push(piece);
  }
  for (const piece of pieces) {
    const id = tokens.length;
    // Longer pieces score higher (as in real SentencePiece models); ties go to the earlier id.
    scores[id] = -1000 + 10 * [...piece].length - id * 1e-3;
    tokenTypes[id] = TokenKind.NORMAL;
    tokens.push(piece);
  }
  for (let unused = 0; tokens.length < total; unused++) {
    scores[tokens.length] = -1e9;
    tokenTypes[tokens.length] = TokenKind.UNUSED;
    tokens.push(`<unused${unused}>`);
  }
  return { tokens, scores, tokenTypes };
}
