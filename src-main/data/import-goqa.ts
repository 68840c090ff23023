import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';

import { parse } from 'csv-parse';

import { parseGoqaRow, type GoqaImportReport, type GoqaItem, SUM_TOLERANCE } from '../domain/data/goqa';
import { AppError } from '../domain/errors';
import { sha256File, sha256Text } from '../platform/sha256';
import type { NewDataset, SurveyRepository } from '../storage/survey-repository';
import { countryCode } from './countries';

export interface GoqaImportOptions {
  /** Also import the Pew Global Attitudes (GAS) rows; WVS rows only by default, as study A does. */
  includeGas?: boolean;
  /** Import the valid rows even when some rows are broken (they are reported either way). */
  keepValidRows?: boolean;
  name?: string;
  onProgress?: (rows: number) => void;
  signal?: AbortSignal;
}

export type { GoqaImportReport };

/** Answers that take no position; they are kept, flagged, and can be left out of the metrics. */
const NON_SUBSTANTIVE =
  /\b(don'?t know|do not know|no answer|missing|not asked|refused|not applicable|multiple answers)\b/i;

const LICENCE = 'CC BY-NC-SA 4.0';
const CITATION =
  'Durmus, E. et al. (2023). Towards Measuring the Representation of Subjective Global Opinions in Language Models. arXiv:2306.16388. Survey data: World Values Survey wave 7 (Haerpfer et al. 2022) and Pew Global Attitudes.';

type SourceRow = { line: number; row: Record<string, string>; pair?: { country: string; values: unknown } };

async function* csvRows(path: string): AsyncGenerator<SourceRow> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, relax_column_count: false, bom: true, skip_empty_lines: true, info: true }),
  );
  for await (const record of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: record.info.lines, row: record.record };
  }
}

/** The shared sample's JSONL form: one (question, country) pair a line. */
async function* jsonlRows(path: string): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    // A line holding null, a number or a list is no record either: reading its fields would throw.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { line, row: {}, pair: { country: '', values: 'invalid-json' } };
      continue;
    }
    const record = parsed as Record<string, unknown>;
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    const source = str(record.source) || str(record.source_guess);
    yield {
      line,
      row: {
        question: str(record.question),
        options: JSON.stringify(record.options ?? null),
        source: source.startsWith('WVS') ? 'WVS' : source,
      },
      pair: { country: str(record.country), values: record.distribution },
    };
  }
}

/** Imports GlobalOpinionQA (CSV as published, or JSONL pairs) as one dataset, all or nothing. */
export async function importGoqa(
  path: string,
  repository: SurveyRepository,
  options: GoqaImportOptions = {},
): Promise<GoqaImportReport> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${path}' does not exist.`, { file: path });
  const jsonl = /\.jsonl?$/i.test(path);
  const items = new Map<string, GoqaItem & { line: number }>();
  const skipped: { line: number; reason: string }[] = [];
  let rows = 0;
  let notWvs = 0;
  try {
    for await (const { line, row, pair } of jsonl ? jsonlRows(path) : csvRows(path)) {
      if (options.signal?.aborted)
        throw new AppError('cancelled', 'The import was cancelled; nothing was stored.');
      rows++;
      if (rows % 500 === 0) options.onProgress?.(rows);
      if (pair?.values === 'invalid-json') {
        skipped.push({ line, reason: 'not a valid JSON object' });
        continue;
      }
      const isWvs = (row.source ?? '').trim().toUpperCase() === 'WVS';
      if (!isWvs && options.includeGas !== true) {
        notWvs++;
        continue;
      }
      if (pair !== undefined) {
        // JSONL: one pair per line; rebuild the item from its pairs.
        const parsedOptions = JSON.parse(row.options ?? 'null') as unknown;
        if (!Array.isArray(parsedOptions) || !parsedOptions.every((option) => typeof option === 'string')) {
          skipped.push({ line, reason: 'options must be a list of strings' });
          continue;
        }
        const raw: unknown = pair.values;
        const values =
          Array.isArray(raw) && raw.every((value: unknown) => typeof value === 'number') ? raw : null;
        const key = row.question ?? '';
        const item = items.get(key) ?? {
          question: key,
          options: parsedOptions,
          source: row.source ?? '',
          distributions: [],
          line,
        };
        const sum = values?.reduce((a, b) => a + b, 0) ?? 0;
        const valid =
          values !== null && values.length === item.options.length && Math.abs(sum - 1) <= SUM_TOLERANCE;
        item.distributions.push({
          country: pair.country,
          values: values ?? [],
          valid,
          ...(valid
            ? {}
            : {
                reason:
                  values === null
                    ? 'the shares are not a list of numbers'
                    : values.length !== item.options.length
                      ? `${values.length} shares for ${item.options.length} options`
                      : `the shares sum to ${sum.toFixed(3)}`,
              }),
        });
        items.set(key, item);
        continue;
      }
      const parsed = parseGoqaRow(row);
      if ('error' in parsed) {
        skipped.push({ line, reason: parsed.error });
        continue;
      }
      items.set(parsed.question, { ...parsed, line });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'bad_file',
      `'${path}' is not a valid ${jsonl ? 'JSONL' : 'CSV'} file: ${message}. Nothing was imported.`,
      { file: path },
    );
  }
  if (skipped.length > 0 && options.keepValidRows !== true) {
    const first = skipped
      .slice(0, 5)
      .map((entry) => `line ${entry.line}: ${entry.reason}`)
      .join('; ');
    throw new AppError(
      'bad_file',
      `'${path}' has ${skipped.length} unusable rows (${first}). Nothing was imported; fix the file or import with keep-valid-rows.`,
      {
        file: path,
        line: skipped[0]?.line,
      },
    );
  }
  if (items.size === 0)
    throw new AppError(
      'bad_file',
      `'${path}' has no ${options.includeGas === true ? '' : 'WVS '}questions to import.`,
      { file: path },
    );

  const unresolved = new Set<string>();
  let validPairs = 0;
  let invalidPairs = 0;
  const questions: NewDataset['questions'] = [...items.values()].map((item) => {
    const substantive = item.options.map((option) => !NON_SUBSTANTIVE.test(option));
    const substantiveCount = substantive.filter(Boolean).length;
    const distributions = item.distributions.flatMap((distribution) => {
      const code = countryCode(distribution.country);
      if (code === null) {
        unresolved.add(distribution.country);
        return [];
      }
      if (distribution.valid) validPairs++;
      else invalidPairs++;
      return [
        {
          country: code,
          values: distribution.values,
          n: null,
          valid: distribution.valid,
          problem: distribution.reason ?? null,
        },
      ];
    });
    return {
      id: `goqa-${sha256Text(item.question).slice(0, 12)}`,
      text: item.question,
      options: item.options,
      substantive,
      // Most WVS items are ordinal scales; two substantive options make a binary item.
      scaleType: substantiveCount === 2 ? 'binary' : 'ordinal',
      topic: null,
      source: item.source,
      distributions,
    };
  });
  const report = {
    file: path,
    rows,
    questions: questions.length,
    validPairs,
    invalidPairs,
    notWvs,
    skipped,
    unresolvedCountries: [...unresolved].sort(),
  };
  const datasetId = await repository.insertDataset({
    name: options.name ?? `GlobalOpinionQA (${basename(path)})`,
    kind: 'goqa',
    source: 'Anthropic/llm_global_opinions (GlobalOpinionQA)',
    licence: LICENCE,
    citation: CITATION,
    filePath: path,
    fileSha256: await sha256File(path),
    report,
    questions,
  });
  return { datasetId, ...report };
}
