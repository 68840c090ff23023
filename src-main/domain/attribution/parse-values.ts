/*
 * Reading a list of values out of a model's reply (METHODS §4.2).
 *
 * The reference cleaning is fixed: split on commas, then per keyword lower-case, strip, delete every
 * character outside [\w\s-] and collapse whitespace. The product also splits on newlines and semicolons.
 * Models rarely answer with a bare comma list, so before that cleaning the reply's layout is undone:
 *
 *  1. The reply is NFKC-normalised (full-width commas become commas), line ends unified, and any
 *     <think>…</think> block of a reasoning model removed.
 *  2. Markdown headings ("### Values") are dropped; other lines lose their list marker ("1.", "2)", "(3)",
 *     "a.", "-", "*", "•") and quote marker ">".
 *  3. A preamble is dropped: a line that ends in a colon ("Here are the values:"), a label before a colon
 *     when the head reads like one ("Moral values: honesty, respect") or when the line goes on with a list
 *     after it, and a lone interjection ("Sure!").
 *  4. In a list item written as "term: explanation" or "**term** – explanation", only the term (five words
 *     at most) is kept.
 *  5. A prose line (no separator, five words or more, ending in . ! or ?) is taken for commentary and
 *     dropped, as long as some other line gave values ("These values reflect the setting.").
 *  6. Lines are split on commas and semicolons. A leading "and" / "or" / "&" of an item goes ("…, and
 *     respect"). When a line holds a comma list, its last item is split once on " and " if both sides are
 *     short ("respect and compassion"): lists without the serial comma are far more common in replies
 *     than values that contain "and", and METHODS' comma rule would otherwise glue the last two together.
 *  7. A parenthesised remark inside an item is removed ("honesty (being truthful)").
 *  8. The reference cleaning runs (\w as in Python 3: Unicode letters, digits, underscore); items left
 *     without a letter or digit, and "etc", are dropped. Duplicates keep their first position.
 */

const THINK_BLOCK = /<think>[\s\S]*?(?:<\/think>|$)/giu;
const LIST_MARKER = /^\s*(?:[-*•+·▪▫►‣–—]+|\(?\d{1,3}[.):]|\(?[a-z][.)])\s+/iu;
const HEADING = /^\s*#{1,6}\s/u;
const QUOTE = /^\s*>+\s*/u;
const INTERJECTION = /^(?:sure|certainly|of course|okay|ok|absolutely|here you go|here goes)\s*[!.,:]*$/iu;
const PREAMBLE_WORDS =
  /\b(?:here|values?|list|answer|following|sure|certainly|based|person|people|they|these|keywords?|response|holds?|likely|might|may|include|includes|some)\b/iu;
const BOLD_HEAD = /^(\*\*|__)(.+?)\1\s*(?:[:\-–—]\s*(.*))?$/u;
const DASH_EXPLANATION = /\s+[-–—]\s+/u;
const PARENTHESES = /\([^()]*\)|\[[^[\]]*\]/gu;
const SEPARATORS = /[,;，；、]/u;
const NON_WORD = /[^\p{L}\p{N}_\s-]/gu;

/** The reference cleaning of one keyword: lower case, trimmed, only word characters, spaces and hyphens. */
export function cleanValueKeyword(raw: string): string {
  return raw.toLowerCase().trim().replace(NON_WORD, '').replace(/\s+/gu, ' ').trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

interface Line {
  text: string;
  isListItem: boolean;
}

function stripMarkers(raw: string): Line {
  if (HEADING.test(raw)) return { text: '', isListItem: false };
  let text = raw.replace(QUOTE, '');
  const isListItem = LIST_MARKER.test(text);
  if (isListItem) text = text.replace(LIST_MARKER, '');
  return { text: text.trim(), isListItem };
}

/** Rule 3 and 4: what remains of a line once a preamble or a term's explanation is taken off. */
function dropLabels(line: Line): string {
  const text = line.text;
  if (INTERJECTION.test(text)) return '';
  const bold = BOLD_HEAD.exec(text);
  if (bold !== null && line.isListItem) return bold[2] as string;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const head = text.slice(0, colon).trim();
    const tail = text.slice(colon + 1).trim();
    if (tail === '' || /^\**$/u.test(tail)) return '';
    if (line.isListItem && !SEPARATORS.test(head) && wordCount(head) <= 5) return head;
    if (PREAMBLE_WORDS.test(head) || SEPARATORS.test(tail)) return tail;
    if (!SEPARATORS.test(head)) return head;
  }
  if (line.isListItem && !SEPARATORS.test(text)) {
    const dash = DASH_EXPLANATION.exec(text);
    if (dash !== null && wordCount(text.slice(0, dash.index)) <= 4) return text.slice(0, dash.index);
  }
  return text;
}

function isProse(text: string, isListItem: boolean): boolean {
  return (
    !isListItem && !SEPARATORS.test(text) && wordCount(text) >= 5 && /[.!?]["')\]*]*$/u.test(text.trim())
  );
}

/** Splits one line into raw items (rule 6). */
function splitLine(text: string): string[] {
  const items = text.split(SEPARATORS).map((item) => item.trim());
  const trimmed = items.map((item) => item.replace(/^(?:and|or|&)\s+/iu, ''));
  if (trimmed.length >= 2) {
    const last = trimmed[trimmed.length - 1] as string;
    const parts = last.split(/\s+and\s+/iu);
    if (parts.length === 2 && parts.every((part) => wordCount(part) >= 1 && wordCount(part) <= 3))
      trimmed.splice(trimmed.length - 1, 1, ...parts);
  }
  return trimmed;
}

function cleanItem(raw: string): string {
  return cleanValueKeyword(raw.replace(PARENTHESES, ' '));
}

/** The cleaned, de-duplicated values of a reply, in the order they first appear. */
export function parseValueList(reply: string): string[] {
  const text = reply.normalize('NFKC').replace(/\r\n?/gu, '\n').replace(THINK_BLOCK, ' ');
  const lines = text
    .split('\n')
    .map(stripMarkers)
    .filter((line) => line.text !== '');
  const kept = lines.map((line) => ({ ...line, text: dropLabels(line) })).filter((line) => line.text !== '');
  const substantive = kept.filter((line) => !isProse(line.text, line.isListItem));
  const used = substantive.length > 0 ? substantive : kept;
  const seen = new Set<string>();
  const values: string[] = [];
  for (const line of used) {
    for (const item of splitLine(line.text)) {
      const value = cleanItem(item);
      if (!/[\p{L}\p{N}]/u.test(value) || value === 'etc') continue;
      if (seen.has(value)) continue;
      seen.add(value);
      values.push(value);
    }
  }
  return values;
}
