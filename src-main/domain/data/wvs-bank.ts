import { z } from 'zod';

import { wvsItemNumber, wvsSectionOf } from './wvs-sections';

export interface WvsCode {
  code: number;
  label: string;
}

/** One item of the WVS-7 question bank, as the importers and the respondent aggregation use it. */
export interface WvsBankItem {
  /** Q-id as in the data file: Q1…Q290, or a variant such as Q82_EU, Q94R, Q275A. */
  id: string;
  number: number;
  /** The base item a variant belongs to (Q82 for Q82_EU); the id itself for a base item. */
  base: string;
  variant: boolean;
  section: string | null;
  sectionName: string | null;
  label: string;
  /** The natural question text when there is one, else the prompt-style text, else the label. */
  text: string;
  /** WorldValuesBench's prompt-style wording ("On a scale of 1 to 4, …"), when there is one. */
  promptText: string | null;
  declaredType: 'ordinal' | 'non_ordinal' | null;
  /** Numeric answers (age, year of birth) or long country-specific code lists: not a closed scale. */
  objective: boolean;
  options: WvsCode[];
  missingCodes: WvsCode[];
}

/** The codebook's missing codes, used when a bank file does not list an item's own. */
export const WVS_MISSING_CODES: readonly WvsCode[] = [
  { code: -1, label: "Don't know" },
  { code: -2, label: 'No answer' },
  { code: -4, label: 'Not asked' },
  { code: -5, label: 'Missing; Not available' },
];

/** Closed answer scales in WVS-7 have at most 12 options; longer lists are country-specific code lists. */
const MAX_SCALE_OPTIONS = 30;

const codeSchema = z.object({ code: z.number().int(), label: z.string() });

const entrySchema = z.object({
  id: z.string().regex(/^Q\d{1,3}[A-Z0-9_]*$/, 'must be a WVS Q-id such as Q57 or Q82_EU'),
  section: z.string().nullish(),
  section_name: z.string().nullish(),
  short_label: z.string().nullish(),
  question_text_natural: z.string().nullish(),
  question_text_wvb: z.string().nullish(),
  answer_data_type: z.enum(['ordinal', 'non_ordinal']).nullish(),
  codebook_type: z.string().nullish(),
  options: z.array(codeSchema),
  missing_codes: z.array(codeSchema).nullish(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`)
    .join('; ');
}

function buildItem(entry: z.output<typeof entrySchema>): WvsBankItem | { error: string } {
  const number = wvsItemNumber(entry.id);
  if (number === null) return { error: `'${entry.id}' is outside Q1–Q290` };
  const base = `Q${number}`;
  const section = wvsSectionOf(entry.id);
  const label = entry.short_label?.trim() || entry.id;
  const text = entry.question_text_natural?.trim() || entry.question_text_wvb?.trim() || label;
  const missingCodes = entry.missing_codes ?? [...WVS_MISSING_CODES];
  if (entry.options.some((option) => option.code < 0))
    return { error: 'answer options must have codes ≥ 0 (negative codes are missing codes)' };
  return {
    id: entry.id,
    number,
    base,
    variant: entry.id !== base,
    section: entry.section?.trim() || section?.id || null,
    sectionName: entry.section_name?.trim() || section?.name || null,
    label,
    text,
    promptText: entry.question_text_wvb?.trim() || null,
    declaredType: entry.answer_data_type ?? null,
    objective:
      entry.codebook_type === 'objective' ||
      entry.options.length === 0 ||
      entry.options.length > MAX_SCALE_OPTIONS,
    options: entry.options,
    missingCodes,
  };
}

/** Validates one entry of the bank's JSON form; a reason when it is unusable. */
export function parseWvsBankEntry(value: unknown): WvsBankItem | { error: string } {
  const parsed = entrySchema.safeParse(value);
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  return buildItem(parsed.data);
}

/** Reads the CSV form's `options` cell: `1=Very important | 2=Rather important`. */
export function parseOptionList(cell: string): WvsCode[] | { error: string } {
  if (cell.trim() === '') return [];
  const options: WvsCode[] = [];
  for (const part of cell.split(/\s*\|\s*(?=-?\d+\s*=)/)) {
    const match = /^\s*(-?\d+)\s*=\s*([\s\S]*?)\s*$/.exec(part);
    if (match === null) return { error: `option '${part.slice(0, 40)}' is not written code=label` };
    options.push({ code: Number(match[1]), label: match[2] ?? '' });
  }
  return options;
}

/** Validates one row of the bank's CSV form (same columns as the JSON, options as `code=label | …`). */
export function parseWvsBankCsvRow(row: Record<string, string>): WvsBankItem | { error: string } {
  const options = parseOptionList(row.options ?? '');
  if ('error' in options) return options;
  const blankToNull = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? null : value;
  const declared = blankToNull(row.answer_data_type);
  if (declared !== null && declared !== 'ordinal' && declared !== 'non_ordinal')
    return { error: `answer_data_type '${declared}' is neither ordinal nor non_ordinal` };
  return parseWvsBankEntry({
    id: row.id ?? '',
    section: blankToNull(row.section),
    section_name: blankToNull(row.section_name),
    short_label: blankToNull(row.short_label),
    question_text_natural: blankToNull(row.question_text_natural),
    question_text_wvb: blankToNull(row.question_text_wvb),
    answer_data_type: declared,
    codebook_type: blankToNull(row.codebook_type),
    options,
  });
}
