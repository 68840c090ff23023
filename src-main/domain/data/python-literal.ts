import { AppError } from '../errors';

/** A value a Python literal can hold, as read here: no sets, bytes or complex numbers. */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Real survey files nest two or three levels; anything deeper is hostile and would exhaust the stack. */
const MAX_DEPTH = 64;

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/**
 * Parses a Python literal (strings, numbers, True/False/None, lists, tuples, dicts) without evaluating
 * anything. GlobalOpinionQA writes its columns this way, and JSON.parse rejects them (single quotes,
 * apostrophes inside double-quoted strings). Errors give the character position.
 */
export function parsePythonLiteral(text: string): PyValue {
  let position = 0;
  let depth = 0;
  const fail = (message: string): never => {
    throw new AppError('bad_file', `${message} at character ${position + 1}`);
  };
  const skipSpace = () => {
    while (position < text.length && /\s/.test(text[position] as string)) position++;
  };
  const parseString = (): string => {
    const quote = text[position];
    position++;
    let out = '';
    while (position < text.length) {
      const char = text[position] as string;
      if (char === quote) {
        position++;
        return out;
      }
      if (char === '\\') {
        const next = text[position + 1];
        if (next === undefined) fail('Unfinished escape');
        if (next === 'x' || next === 'u' || next === 'U') {
          const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
          const hex = text.slice(position + 2, position + 2 + width);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) fail(`Bad \\${next} escape`);
          out += String.fromCodePoint(parseInt(hex, 16));
          position += 2 + width;
          continue;
        }
        const mapped = ESCAPES[next as string];
        // Python keeps unknown escapes as written (a backslash and the character).
        out += mapped ?? `\\${next as string}`;
        position += 2;
        continue;
      }
      if (char === '\n') fail('Line break inside a string');
      out += char;
      position++;
    }
    return fail('Unterminated string');
  };
  const parseNumber = (): number => {
    const match = /^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?/.exec(text.slice(position));
    const raw = match?.[0] ?? '';
    if (raw === '' || raw === '-' || raw === '+' || !/\d/.test(raw)) fail('Expected a number');
    position += raw.length;
    const value = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(value)) fail('Number out of range');
    return value;
  };
  const enter = () => {
    if (++depth > MAX_DEPTH) fail(`Nested more than ${MAX_DEPTH} levels deep`);
  };
  const parseSequence = (close: string): PyValue[] => {
    enter();
    position++;
    const items: PyValue[] = [];
    skipSpace();
    while (text[position] !== close) {
      items.push(parseValue());
      skipSpace();
      if (text[position] === ',') {
        position++;
        skipSpace();
      } else if (text[position] !== close) fail(`Expected ',' or '${close}'`);
    }
    position++;
    depth--;
    return items;
  };
  const parseDict = (): { [key: string]: PyValue } => {
    enter();
    position++;
    const out: { [key: string]: PyValue } = Object.create(null) as { [key: string]: PyValue };
    skipSpace();
    while (text[position] !== '}') {
      const key = parseValue();
      if (typeof key !== 'string' && typeof key !== 'number')
        return fail('Dictionary keys must be strings or numbers');
      skipSpace();
      if (text[position] !== ':') fail("Expected ':'");
      position++;
      out[String(key)] = parseValue();
      skipSpace();
      if (text[position] === ',') {
        position++;
        skipSpace();
      } else if (text[position] !== '}') fail("Expected ',' or '}'");
    }
    position++;
    depth--;
    return out;
  };
  const parseValue = (): PyValue => {
    skipSpace();
    const char = text[position];
    if (char === undefined) return fail('Unexpected end of text');
    if (char === "'" || char === '"') return parseString();
    if (char === '[') return parseSequence(']');
    if (char === '(') return parseSequence(')');
    if (char === '{') return parseDict();
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null],
      ['nan', Number.NaN],
    ] as const) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return value;
      }
    }
    return parseNumber();
  };
  const value = parseValue();
  skipSpace();
  if (position !== text.length) fail('Unexpected text after the value');
  return value;
}
