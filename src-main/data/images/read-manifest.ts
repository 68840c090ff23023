import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';

import { parse } from 'csv-parse/sync';
import { z } from 'zod';

import { AppError } from '../../domain/errors';
import { isInside } from '../../platform/path-guard';
import type { ImageCandidate, SkippedFile } from './image-candidate';
import { resolveCountry } from './resolve-country';

const MAX_MANIFEST_BYTES = 50 * 1024 * 1024;

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => (value == null || value.trim() === '' ? null : value.trim()));

/** One manifest entry. CSV cells arrive as text, JSON values may be numbers; both are accepted for income. */
const manifestEntry = z.object({
  path: z.string().trim().min(1, 'the path is empty'),
  country: z.string().trim().min(1, 'the country is empty'),
  category: optionalText,
  income: z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((value, ctx) => {
      if (value == null || (typeof value === 'string' && value.trim() === '')) return null;
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number) || number < 0) {
        ctx.addIssue({ code: 'custom', message: `income '${String(value)}' is not a non-negative number` });
        return z.NEVER;
      }
      return number;
    }),
  source: optionalText,
  licence: optionalText,
  license: optionalText,
  attribution: optionalText,
});

export interface ManifestContents {
  /** The manifest's folder (links resolved): entries must lie inside it. */
  root: string;
  candidates: ImageCandidate[];
  skipped: SkippedFile[];
}

function rawEntries(file: string, text: string): { where: string; value: unknown }[] {
  const isJson = extname(file).toLowerCase() === '.json' || /^\s*[[{]/.test(text);
  if (isJson) {
    const parsed: unknown = JSON.parse(text);
    const list = Array.isArray(parsed)
      ? (parsed as unknown[])
      : typeof parsed === 'object' &&
          parsed !== null &&
          Array.isArray((parsed as { images?: unknown }).images)
        ? (parsed as { images: unknown[] }).images
        : null;
    if (list === null) throw new Error('a JSON manifest is an array of entries, or {"images": [...]}');
    return list.map((value, index) => ({ where: `entry ${index + 1}`, value }));
  }
  const records = parse(text, {
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ where: `line ${info.lines}`, value: record }));
}

/**
 * Reads a manifest (CSV with a header row, or JSON) listing `path, country, category, income, source,
 * licence, attribution`. Paths are relative to the manifest's folder; a path with `..`, an absolute path
 * outside that folder, or a link leading out of it is skipped with the reason, as is any invalid entry.
 */
export async function readImageManifest(file: string): Promise<ManifestContents> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `Manifest '${file}' does not exist.`, { file });
  if (info.size > MAX_MANIFEST_BYTES)
    throw new AppError('bad_file', `Manifest '${file}' is larger than 50 MiB.`, { file });
  const root = await realpath(dirname(resolve(file)));
  let entries: { where: string; value: unknown }[];
  try {
    entries = rawEntries(file, await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `'${file}' is not an image manifest: ${reason}`, { file });
  }
  const candidates: ImageCandidate[] = [];
  const skipped: SkippedFile[] = [];
  for (const { where, value } of entries) {
    const parsed = manifestEntry.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      skipped.push({
        file: `${file} (${where})`,
        reason: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`,
      });
      continue;
    }
    const entry = parsed.data;
    const shown = `${entry.path} (${where})`;
    if (entry.path.split(/[\\/]+/).includes('..')) {
      skipped.push({
        file: shown,
        reason: "'..' in the path (paths must stay inside the manifest's folder)",
      });
      continue;
    }
    const target = isAbsolute(entry.path) ? entry.path : join(root, entry.path);
    const real = await realpath(target).catch(() => null);
    if (real === null) {
      skipped.push({ file: shown, reason: 'file not found' });
      continue;
    }
    if (!isInside(root, real)) {
      skipped.push({ file: shown, reason: "outside the manifest's folder (or a link leading out of it)" });
      continue;
    }
    const country = resolveCountry(entry.country);
    if (country === null) {
      skipped.push({ file: shown, reason: `'${entry.country}' is not a country name or ISO code` });
      continue;
    }
    candidates.push({
      file: target,
      real,
      country,
      category: entry.category,
      source: entry.source ?? entry.path,
      income: entry.income,
      licence: entry.licence ?? entry.license,
      attribution: entry.attribution,
    });
  }
  return { root, candidates, skipped };
}
