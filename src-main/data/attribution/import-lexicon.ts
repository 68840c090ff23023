import { readFile, stat } from 'node:fs/promises';

import { parse } from 'csv-parse/sync';

import type {
  Direction,
  MoralDictionary,
  ScmFacet,
  VadLexicon,
  VadScores,
  WarmthCompetenceLexicon,
} from '../../domain/attribution/lexicon';
import { cleanValueKeyword } from '../../domain/attribution/parse-values';
import type { SkippedRow } from '../../domain/data/import-report';
import { AppError } from '../../domain/errors';

/*
 * Importers for the user-supplied lexicons of the value-attribution study (METHODS §4.3; their licences do
 * not let us ship them). Terms are cleaned like attributed values, so lookups compare like with like.
 * Malformed lines are reported with their line numbers and left out; a file with nothing usable, or one
 * that cannot be read, is an error naming the file.
 */

const MAX_BYTES = 100 * 1024 * 1024;

export interface LexiconImport<T> {
  file: string;
  lexicon: T;
  entries: number;
  skipped: SkippedRow[];
  warnings: string[];
}

async function readText(file: string, what: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `${what} '${file}' does not exist.`, { file });
  if (info.size > MAX_BYTES)
    throw new AppError('bad_file', `${what} '${file}' is larger than 100 MiB.`, { file });
  return (await readFile(file, 'utf8')).replace(/^\uFEFF/u, '');
}

function nothingUsable(file: string, what: string, skipped: readonly SkippedRow[]): AppError {
  const first = skipped[0];
  const hint = first === undefined ? 'it is empty' : `line ${first.line}: ${first.reason}`;
  return new AppError('bad_file', `'${file}' has no usable ${what} entries (${hint}).`, {
    file,
    ...(first !== undefined ? { line: first.line } : {}),
  });
}

/**
 * NRC-VAD style: `term<TAB>valence<TAB>arousal<TAB>dominance`, with or without a header line. v2.1 scores
 * lie in [−1, 1]; a lexicon whose scores all lie in [0, 1] (v1) is accepted with a warning, since the
 * study's thresholds assume the v2.1 scale. The first entry of a repeated term wins.
 */
export async function importVadLexicon(file: string): Promise<LexiconImport<VadLexicon>> {
  const text = await readText(file, 'VAD lexicon');
  const lexicon = new Map<string, VadScores>();
  const skipped: SkippedRow[] = [];
  const warnings: string[] = [];
  let duplicates = 0;
  let allUnit = true;
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = raw.split('\t').map((cell) => cell.trim());
    if (index === 0 && cells.length >= 4 && cells.slice(1, 4).some((cell) => !isNumeric(cell))) return; // header
    if (cells.length !== 4) {
      skipped.push({
        file,
        line,
        reason: `expected 4 tab-separated columns (term, valence, arousal, dominance), found ${cells.length}`,
      });
      return;
    }
    const term = cleanValueKeyword(cells[0] as string);
    if (term === '') {
      skipped.push({ file, line, reason: 'the term is empty' });
      return;
    }
    const scores = cells.slice(1).map(Number);
    if (!cells.slice(1).every(isNumeric) || scores.some((score) => score < -1 || score > 1)) {
      skipped.push({
        file,
        line,
        reason: `scores must be numbers between −1 and 1 (got ${cells.slice(1).join(', ')})`,
      });
      return;
    }
    if (scores.some((score) => score < 0)) allUnit = false;
    if (lexicon.has(term)) {
      duplicates++;
      return;
    }
    lexicon.set(term, {
      valence: scores[0] as number,
      arousal: scores[1] as number,
      dominance: scores[2] as number,
    });
  });
  if (lexicon.size === 0) throw nothingUsable(file, 'VAD', skipped);
  if (allUnit)
    warnings.push(
      'All scores lie in [0, 1], as in NRC-VAD v1; the VAD thresholds assume v2.1 scores in [−1, 1].',
    );
  if (duplicates > 0) warnings.push(`${duplicates} repeated term(s) kept their first entry.`);
  return { file, lexicon, entries: lexicon.size, skipped, warnings };
}

function isNumeric(cell: string): boolean {
  return cell.trim() !== '' && Number.isFinite(Number(cell));
}

const NBF_FACETS: readonly [ScmFacet, string][] = [
  ['sociability', 'sociability'],
  ['morality', 'morality'],
  ['ability', 'ability'],
  ['agency', 'agency'],
  ['status', 'status'],
];

/**
 * Warmth/competence lexicon, CSV with a header, in one of two layouts:
 *  - Nicolas, Bai & Fiske: term columns whose names start with "values" (or a `word`/`term` column), and per
 *    facet a `<Facet>_dict` flag (1 = in the facet's dictionary) and a `<Facet>_dir` direction (sign used);
 *  - simple: `word,warmth,competence` with signed numbers (0 or empty = not rated).
 * A word given opposite directions for one facet on different rows is dropped from that facet, as in the
 * reference analysis.
 */
export async function importWarmthCompetenceLexicon(
  file: string,
): Promise<LexiconImport<WarmthCompetenceLexicon>> {
  const text = await readText(file, 'Warmth/competence lexicon');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as typeof records;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `'${file}' is not a readable CSV file: ${reason}`, { file });
  }
  const columns = Object.keys(records[0]?.record ?? {});
  const termColumns = columns.filter(
    (name) => name.startsWith('values') || name === 'word' || name === 'term',
  );
  const nbf = NBF_FACETS.some(([, name]) => columns.includes(`${name}_dict`));
  const simple = columns.includes('warmth') || columns.includes('competence');
  if (termColumns.length === 0 || (!nbf && !simple))
    throw new AppError(
      'bad_file',
      `'${file}' is not a warmth/competence lexicon: expected a word (or values…) column and either <Facet>_dict/<Facet>_dir columns or warmth/competence columns.`,
      { file },
    );
  const byFacet = new Map<ScmFacet, Map<string, Direction>>();
  const conflicts = new Map<ScmFacet, Set<string>>();
  const skipped: SkippedRow[] = [];
  const add = (facet: ScmFacet, term: string, direction: Direction) => {
    const map = byFacet.get(facet) ?? new Map<string, Direction>();
    const conflicted = conflicts.get(facet) ?? new Set<string>();
    byFacet.set(facet, map);
    conflicts.set(facet, conflicted);
    if (conflicted.has(term)) return;
    const known = map.get(term);
    if (known === undefined) map.set(term, direction);
    else if (known !== direction) {
      map.delete(term);
      conflicted.add(term);
    }
  };
  for (const { record, info } of records) {
    const terms = termColumns
      .map((name) => cleanValueKeyword(record[name] ?? ''))
      .filter((term) => term !== '');
    if (terms.length === 0) {
      skipped.push({ file, line: info.lines, reason: 'no term on this row' });
      continue;
    }
    const facets: [ScmFacet, string | undefined, string | undefined][] = nbf
      ? NBF_FACETS.map(([facet, name]) => [facet, record[`${name}_dict`], record[`${name}_dir`]])
      : [
          ['warmth', '1', record.warmth],
          ['competence', '1', record.competence],
        ];
    let bad: string | null = null;
    for (const [facet, flag, direction] of facets) {
      if ((flag ?? '').trim() !== '1') continue;
      const cell = (direction ?? '').trim();
      if (cell === '' || cell.toLowerCase() === 'na') continue;
      const value = Number(cell);
      if (!Number.isFinite(value)) {
        bad = `the ${facet} direction '${cell}' is not a number`;
        break;
      }
      if (value !== 0) for (const term of terms) add(facet, term, value > 0 ? 1 : -1);
    }
    if (bad !== null) skipped.push({ file, line: info.lines, reason: bad });
  }
  const lexicon = new Map<string, Partial<Record<ScmFacet, Direction>>>();
  for (const [facet, map] of byFacet) {
    for (const [term, direction] of map) lexicon.set(term, { ...lexicon.get(term), [facet]: direction });
  }
  if (lexicon.size === 0) throw nothingUsable(file, 'warmth/competence', skipped);
  const conflicted = [...conflicts.values()].reduce((total, set) => total + set.size, 0);
  const warnings =
    conflicted > 0 ? [`${conflicted} word–facet pair(s) had opposite directions and were dropped.`] : [];
  return { file, lexicon, entries: lexicon.size, skipped, warnings };
}

/**
 * A moral-foundations dictionary in the LIWC-style layout of the MFD and MFD 2.0: a header block between two
 * lines holding only "%", listing `<id><whitespace><category name>`, then one `<word or prefix*>` line per
 * entry followed by its category ids. Lines naming an unknown category, or none, are reported.
 */
export async function importMoralDictionary(file: string): Promise<LexiconImport<MoralDictionary>> {
  const text = await readText(file, 'Moral foundations dictionary');
  const lines = text.split(/\r?\n/u);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0 || lines[first]?.trim() !== '%')
    throw new AppError(
      'bad_file',
      `'${file}' is not a dictionary: it must start with a '%' line, then the categories, then another '%' line.`,
      { file },
    );
  const close = lines.findIndex((line, index) => index > first && line.trim() === '%');
  if (close < 0)
    throw new AppError('bad_file', `'${file}' has no closing '%' line after its category block.`, {
      file,
      line: first + 1,
    });
  const categories = new Map<string, string>();
  const skipped: SkippedRow[] = [];
  for (let index = first + 1; index < close; index++) {
    const raw = (lines[index] as string).trim();
    if (raw === '') continue;
    const match = /^(\S+)\s+(.+)$/u.exec(raw);
    if (match === null)
      skipped.push({ file, line: index + 1, reason: `a category line needs an id and a name, got '${raw}'` });
    else categories.set(match[1] as string, (match[2] as string).trim());
  }
  if (categories.size === 0)
    throw new AppError('bad_file', `'${file}' lists no categories between its '%' lines.`, { file });
  const words = new Map<string, string[]>();
  const prefixes = new Map<string, string[]>();
  for (let index = close + 1; index < lines.length; index++) {
    const raw = (lines[index] as string).trim();
    if (raw === '') continue;
    const parts = raw.split(/\s+/u);
    // Entries may be phrases ("family values 3"): the trailing ids are the numeric-looking known ids.
    let split = parts.length;
    while (split > 1 && categories.has(parts[split - 1] as string)) split--;
    const ids = parts.slice(split);
    const entry = parts.slice(0, split).join(' ');
    const line = index + 1;
    if (ids.length === 0) {
      const unknown = parts.length > 1 ? ` ('${parts[parts.length - 1]}' is not a category id)` : '';
      skipped.push({ file, line, reason: `no category for '${entry}'${unknown}` });
      continue;
    }
    const isPrefix = entry.endsWith('*');
    const term = cleanValueKeyword(isPrefix ? entry.slice(0, -1) : entry);
    if (term === '') {
      skipped.push({ file, line, reason: `'${entry}' is not a word` });
      continue;
    }
    const target = isPrefix ? prefixes : words;
    target.set(term, [...new Set([...(target.get(term) ?? []), ...ids])]);
  }
  if (words.size + prefixes.size === 0) throw nothingUsable(file, 'dictionary', skipped);
  return {
    file,
    lexicon: { categories, words, prefixes },
    entries: words.size + prefixes.size,
    skipped,
    warnings: [],
  };
}
