import { readFile, stat } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

import { AppError } from '../domain/errors';

/**
 * A small reader for the cell values of an .xlsx workbook (a zip of XML parts), enough for the World
 * Bank's CLASS file: shared and inline strings, numbers and booleans. No formulas are evaluated (the
 * cached value is read) and no styles are applied.
 */

/** Classification workbooks are well under a megabyte; anything far larger is not one. */
const MAX_WORKBOOK_BYTES = 64 * 1024 * 1024;

type ZipEntries = Map<string, () => Buffer>;

function readZip(buffer: Buffer): ZipEntries {
  const floor = Math.max(0, buffer.length - 65_557);
  let end = -1;
  for (let at = buffer.length - 22; at >= floor; at--) {
    if (buffer.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('no zip directory found (not an .xlsx file?)');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries: ZipEntries = new Map();
  for (let index = 0; index < count; index++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50)
      throw new Error('damaged zip directory');
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50)
        throw new Error(`damaged zip entry ${name}`);
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + compressedSize);
      if (method === 0) return data;
      // The file-size limit says nothing about what a part unpacks to (a zip bomb): bound that too.
      if (method === 8)
        try {
          return inflateRawSync(data, { maxOutputLength: MAX_WORKBOOK_BYTES });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
          throw new Error(`zip entry ${name} unpacks to more than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB`);
        }
      throw new Error(`zip entry ${name} uses unsupported compression ${method}`);
    });
    at += 46 + skip;
  }
  return entries;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g))
    out[match[1] ?? ''] = decodeXml(match[2] ?? '');
  return out;
}

function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
    .map((match) => decodeXml(match[1] ?? ''))
    .join('');
}

function columnIndex(reference: string): number {
  const letters = /^[A-Z]+/.exec(reference)?.[0] ?? 'A';
  return [...letters].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  cells: string[];
}

export interface Workbook {
  sheetNames: string[];
  rows(sheet: string): SheetRow[];
}

/** Opens an .xlsx file; errors name the file and what is wrong with it. */
export async function readWorkbook(path: string): Promise<Workbook> {
  const size = (await stat(path)).size;
  if (size > MAX_WORKBOOK_BYTES)
    throw new AppError('bad_file', `'${path}' is too large for a workbook.`, { file: path });
  try {
    const zip = readZip(await readFile(path));
    const part = (name: string) => zip.get(name)?.().toString('utf8');
    const workbook = part('xl/workbook.xml');
    if (workbook === undefined) throw new Error('it has no xl/workbook.xml');
    const relations = new Map(
      [...(part('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)].map((match) => {
        const attrs = attributes(match[0]);
        return [attrs.Id ?? '', attrs.Target ?? ''] as const;
      }),
    );
    const sheets = new Map(
      [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((match) => {
        const attrs = attributes(match[0]);
        const target = (relations.get(attrs['r:id'] ?? '') ?? '').replace(/^\/?(xl\/)?/, 'xl/');
        return [attrs.name ?? '', target] as const;
      }),
    );
    const shared = [...(part('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) =>
      texts(match[1] ?? ''),
    );
    return {
      sheetNames: [...sheets.keys()],
      rows(sheet) {
        const xml = part(sheets.get(sheet) ?? '');
        if (xml === undefined)
          throw new AppError('bad_file', `'${path}' has no sheet '${sheet}'.`, { file: path });
        let previousRow = 0;
        return [...xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)].map((rowMatch) => {
          const cells: string[] = [];
          // `r` (row number, cell reference) may be left out; a missing one means "the next".
          let nextColumn = 0;
          for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
            const attrs = attributes(cell[1] ?? '');
            const body = cell[2] ?? '';
            const raw = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
            const value =
              attrs.t === 's' ? (shared[Number(raw)] ?? '') : attrs.t === 'inlineStr' ? texts(body) : raw;
            const column = attrs.r === undefined ? nextColumn : columnIndex(attrs.r);
            cells[column] = value;
            nextColumn = column + 1;
          }
          const declared = Number(attributes(rowMatch[1] ?? '').r);
          previousRow = Number.isInteger(declared) && declared > 0 ? declared : previousRow + 1;
          return { row: previousRow, cells: Array.from(cells, (value) => value ?? '') };
        });
      },
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'bad_file',
      `'${path}' is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}.`,
      { file: path },
    );
  }
}
