import { readFile, stat } from 'node:fs/promises';

import { parse } from 'csv-parse/sync';

import type { ValueItemMapping } from '../../domain/attribution/stereotype-vs-survey';
import { AppError } from '../../domain/errors';

const MAX_BYTES = 10 * 1024 * 1024;

export interface ValueMappingImport {
  file: string;
  mapping: ValueItemMapping[];
  skipped: { line: number; reason: string }[];
}

function direction(raw: string): 1 | -1 | null {
  const text = raw.trim().toLowerCase();
  if (['1', '+1', 'higher', 'high', '+'].includes(text)) return 1;
  if (['-1', 'lower', 'low', '-'].includes(text)) return -1;
  return null;
}

/**
 * Reads a user-made mapping from value words to survey items: a CSV with `term,item,direction` (direction
 * +1/higher when naming the value implies a higher item mean as the item is coded, −1/lower otherwise).
 * Bad rows are reported by line; a file with no usable row is an error naming it.
 */
export async function importValueMapping(file: string): Promise<ValueMappingImport> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `Value mapping '${file}' does not exist.`, { file });
  if (info.size > MAX_BYTES)
    throw new AppError('bad_file', `Value mapping '${file}' is larger than 10 MiB.`, { file });
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(await readFile(file, 'utf8'), {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as typeof records;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `'${file}' is not a CSV value mapping: ${reason}`, { file });
  }
  const mapping: ValueItemMapping[] = [];
  const skipped: ValueMappingImport['skipped'] = [];
  for (const { record, info: where } of records) {
    const term = record.term?.trim() ?? '';
    const item = record.item?.trim() ?? '';
    const sign = direction(record.direction ?? '');
    if (term === '' || item === '') skipped.push({ line: where.lines, reason: 'term or item is empty' });
    else if (sign === null)
      skipped.push({
        line: where.lines,
        reason: `direction '${record.direction ?? ''}' is not +1/higher or -1/lower`,
      });
    else mapping.push({ term, item, direction: sign });
  }
  if (mapping.length === 0)
    throw new AppError('bad_file', `'${file}' has no usable row: expected columns term,item,direction.`, {
      file,
    });
  return { file, mapping, skipped };
}
