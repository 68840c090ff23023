/** Question texts differ in spacing, quotes and case between sources; compare them in one form. */
export function normaliseQuestionText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Words that carry no meaning for matching one source's wording of an item to another's. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by do does for from how if in is it of on or that the this to what which ' +
    'with would you your not any there'
  ).split(' '),
);

/** Content words of a text, lower case, without accents or punctuation. */
export function contentWords(text: string): string[] {
  // Apostrophes go first: NFKD turns the acute accent used as one ("Women´s") into a space and a mark.
  return text
    .replace(/[’'`´]/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
}

/**
 * Terms for matching: each content word, plus its singular when it ends in a plural `s`. "Elections"
 * then meets "Election", while a word spelled the same in both texts ("Banks") still counts twice and
 * outweighs a mere shared stem ("World Bank").
 */
export function matchTerms(text: string): string[] {
  return contentWords(text).flatMap((word) =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? [word, word.slice(0, -1)] : [word],
  );
}
