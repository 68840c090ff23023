import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

import { parse } from 'csv-parse';

import { SkipLog } from '../domain/data/import-report';
import type { WvsBankImportReport } from '../domain/data/survey-extras-reports';
import { inferScaleType } from '../domain/data/survey-options';
import { parseWvsBankCsvRow, parseWvsBankEntry, type WvsBankItem } from '../domain/data/wvs-bank';
import { AppError } from '../domain/errors';
import { sha256File } from '../platform/sha256';
import type { Database } from '../storage/database';
import { WvsBankRepository, type StoredWvsItem } from '../storage/wvs-bank-repository';
import { linkGoqaQuestionsToWvsBank } from './link-wvs-questions';

type Parsed = { line: number; item: WvsBankItem | { error: string } };

async function readJsonEntries(path: string): Promise<Parsed[]> {
  let entries: unknown;
  try {
    entries = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new AppError(
      'bad_file',
      `'${path}' is not valid JSON: ${(error as Error).message}. Nothing was imported.`,
      {
        file: path,
      },
    );
  }
  if (!Array.isArray(entries))
    throw new AppError('bad_file', `'${path}' must hold a list of question entries.`, { file: path });
  // A JSON list has no useful line numbers; entries are numbered from 1 instead.
  return entries.map((entry: unknown, index) => ({ line: index + 1, item: parseWvsBankEntry(entry) }));
}

async function readCsvEntries(path: string): Promise<Parsed[]> {
  const parsed: Parsed[] = [];
  try {
    const parser = createReadStream(path).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
    );
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (!('id' in record) || !('options' in record))
        throw new Error('the columns id and options are missing');
      parsed.push({ line: info.lines, item: parseWvsBankCsvRow(record) });
    }
  } catch (error) {
    throw new AppError(
      'bad_file',
      `'${path}' is not a WVS-7 question bank CSV: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`,
      { file: path },
    );
  }
  return parsed;
}

function withScaleType(item: WvsBankItem): StoredWvsItem {
  const substantive = item.options.map(() => true);
  // Items without a declared type (demography, the postmaterialist choices) are unordered lists.
  return { ...item, scaleType: inferScaleType(substantive, item.declaredType, 'categorical') };
}

/**
 * Imports the WVS-7 question bank (the merged JSON list or its CSV form) and replaces the previous one,
 * then matches the GlobalOpinionQA questions already imported to its items. All or nothing: one broken
 * entry stops the import before anything changes.
 */
export async function importWvsBank(path: string, db: Database): Promise<WvsBankImportReport> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${path}' does not exist.`, { file: path });
  const parsed = /\.json$/i.test(path) ? await readJsonEntries(path) : await readCsvEntries(path);
  const skips = new SkipLog(path);
  const items = new Map<string, StoredWvsItem>();
  for (const { line, item } of parsed) {
    if ('error' in item) skips.add(line, item.error);
    else if (items.has(item.id)) skips.add(line, `${item.id} appears twice`);
    else items.set(item.id, withScaleType(item));
  }
  skips.refuseIfAny();
  if (items.size === 0) throw new AppError('bad_file', `'${path}' lists no WVS-7 items.`, { file: path });

  const stored = [...items.values()];
  const sectionCounts = new Map<string, number>();
  for (const item of stored) {
    const section = item.sectionName ?? 'unassigned';
    sectionCounts.set(section, (sectionCounts.get(section) ?? 0) + 1);
  }
  const summary = {
    file: path,
    items: stored.length,
    baseItems: stored.filter((item) => !item.variant).length,
    variants: stored.filter((item) => item.variant).length,
    sections: [...sectionCounts].map(([section, count]) => ({ section, items: count })),
  };
  const fileSha256 = await sha256File(path);
  const goqa = await db.transaction(async (tx) => {
    await WvsBankRepository.replaceBank(tx, stored, { filePath: path, fileSha256, report: summary });
    return linkGoqaQuestionsToWvsBank(tx, stored);
  });
  return { ...summary, goqa };
}
