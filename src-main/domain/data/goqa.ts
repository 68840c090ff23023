import { isAppError } from '../errors';
import { parsePythonLiteral, type PyValue } from './python-literal';

export interface GoqaItem {
  question: string;
  options: string[];
  source: string;
  /** Country name as written in the file → answer shares in option order (fractions). */
  distributions: { country: string; values: number[]; valid: boolean; reason?: string }[];
}

const DEFAULTDICT = /^\s*defaultdict\(\s*<class '(?:list|dict)'>\s*,\s*([\s\S]*)\)\s*$/;

/** Tolerance of METHODS.md §1.1: a distribution must sum to 1 within 0.02. */
export const SUM_TOLERANCE = 0.02;

function isNumberArray(value: PyValue): value is number[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'number');
}

/**
 * Reads one GlobalOpinionQA row. Returns the item, or a reason why the whole row is unusable. Pairs whose
 * length or sum is off are kept but flagged invalid, so they are counted and excluded from metrics.
 */
export function parseGoqaRow(row: {
  question?: string;
  selections?: string;
  options?: string;
  source?: string;
}): GoqaItem | { error: string } {
  const question = row.question?.trim();
  if (!question) return { error: 'the question is empty' };
  let options: PyValue;
  let selections: PyValue;
  try {
    options = parsePythonLiteral(row.options ?? '');
  } catch (error) {
    return { error: `options is not a Python list (${isAppError(error) ? error.message : String(error)})` };
  }
  if (
    !Array.isArray(options) ||
    options.length < 2 ||
    !options.every((option) => typeof option === 'string')
  ) {
    return { error: 'options must be a list of at least two strings' };
  }
  const body = DEFAULTDICT.exec(row.selections ?? '')?.[1] ?? row.selections ?? '';
  try {
    selections = parsePythonLiteral(body);
  } catch (error) {
    return {
      error: `selections is not a Python dict (${isAppError(error) ? error.message : String(error)})`,
    };
  }
  if (selections === null || typeof selections !== 'object' || Array.isArray(selections))
    return { error: 'selections must be a dict of country → list' };
  const optionTexts = options;
  const distributions = Object.entries(selections).map(([country, values]) => {
    if (!isNumberArray(values))
      return { country, values: [], valid: false, reason: 'the shares are not a list of numbers' };
    if (values.length !== optionTexts.length) {
      return {
        country,
        values,
        valid: false,
        reason: `${values.length} shares for ${optionTexts.length} options`,
      };
    }
    const sum = values.reduce((a, b) => a + b, 0);
    if (values.some((value) => !Number.isFinite(value) || value < 0) || Math.abs(sum - 1) > SUM_TOLERANCE) {
      return { country, values, valid: false, reason: `the shares sum to ${sum.toFixed(3)}, not 1` };
    }
    return { country, values, valid: true };
  });
  return { question, options: optionTexts, source: (row.source ?? '').trim(), distributions };
}

/** What an import did: counts, every skipped row with its reason, and names that matched no country. */
export interface GoqaImportReport {
  datasetId: number;
  file: string;
  rows: number;
  questions: number;
  validPairs: number;
  invalidPairs: number;
  notWvs: number;
  skipped: { line: number; reason: string }[];
  unresolvedCountries: string[];
}
