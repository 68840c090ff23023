import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';

import { AppError } from '../../domain/errors';
import {
  crossSourceFromPath,
  validateCrossRecords,
  type CrossSource,
  type SafetyItem,
} from '../../domain/safety/cross-record';
import type { ImageRepository } from '../../storage/image-repository';
import type { SafetyRepository, StoredSafetyItem } from '../../storage/safety-repository';
import type { ImageCandidate, SkippedFile } from '../images/image-candidate';
import { IMAGE_EXTENSIONS } from '../images/image-probe';
import { importImageCandidates, type ImageImportOptions } from '../images/import-images';
import { resolveCountry } from '../images/resolve-country';

/** The benchmark ships without a licence (see its README): its images are for local evaluation only. */
export const CROSS_IMAGE_LICENCE =
  'CROSS benchmark image: no licence given; local evaluation only, do not redistribute';

const MAX_JSON_BYTES = 100 * 1024 * 1024;
const MAX_DEPTH = 5;

export interface CrossFileReport {
  file: string;
  subset: string;
  setting: string;
  records: number;
  items: number;
}

export interface CrossImportReport {
  files: CrossFileReport[];
  added: number;
  updated: number;
  /** Records left out, with the file, their position and every problem found. */
  rejected: { file: string; position: number; index?: string; reason: string }[];
  /** Country names of the benchmark that are not ISO countries (their items are kept, without a code). */
  unresolvedCountries: string[];
  images: { folder: string | null; linked: number; missing: number; skipped: SkippedFile[] };
  seconds: number;
}

export interface CrossImportOptions {
  /** Where the benchmark's images are (searched by file name); default `<folder>/images` when present. */
  imagesFolder?: string;
  images: Omit<ImageImportOptions, 'licence' | 'attribution'>;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() === true;
}

/** Every file below `root` (links not followed), up to a few levels deep. */
async function walk(root: string, keep: (name: string) => boolean, depth = 0): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(root, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.'))
      found.push(...(await walk(path, keep, depth + 1)));
    else if (entry.isFile() && keep(entry.name)) found.push(path);
  }
  return found;
}

async function readJson(file: string): Promise<unknown> {
  const info = await stat(file);
  if (info.size > MAX_JSON_BYTES)
    throw new AppError('bad_file', `'${file}' is larger than 100 MiB; it is not a CROSS file.`, { file });
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `'${file}' is not valid JSON: ${reason}`, { file });
  }
}

/**
 * The record lists a path holds: `casa/english.json` and its siblings by their place in the folder, or a
 * bundle object keyed by such paths (how the reference samples are kept).
 */
async function recordLists(
  file: string,
): Promise<{ source: CrossSource; records: unknown; label: string }[]> {
  const bySource = crossSourceFromPath(file);
  const parsed = await readJson(file);
  if (bySource !== null) return [{ source: bySource, records: parsed, label: file }];
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const lists = Object.entries(parsed as Record<string, unknown>).flatMap(([key, records]) => {
      const source = crossSourceFromPath(key);
      return source === null ? [] : [{ source, records, label: `${file} (${key})` }];
    });
    if (lists.length > 0) return lists;
  }
  throw new AppError(
    'bad_file',
    `'${file}' is not a CROSS file: expected casa|safeworld/english|multilingual.json, or an object keyed by those paths.`,
    { file },
  );
}

/** The domain check cannot name the file (a JSON value that is no list of records): say which one it is. */
function validateRecordsOf(
  file: string,
  label: string,
  records: unknown,
  source: CrossSource,
): ReturnType<typeof validateCrossRecords> {
  try {
    return validateCrossRecords(records, source);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError('bad_file', `'${label}' cannot be imported: ${error.message}`, { file });
  }
}

async function crossFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw new AppError('not_found', `'${path}' does not exist.`, { file: path });
  if (info.isFile()) return [path];
  const files = (await walk(path, (name) => name.endsWith('.json'))).filter(
    (file) => crossSourceFromPath(file) !== null,
  );
  if (files.length === 0)
    throw new AppError(
      'not_found',
      `No CROSS files in '${path}': expected data/casa/english.json, data/safeworld/multilingual.json and the like.`,
      { file: path },
    );
  return files;
}

/** Library candidates for the items whose image file is in the folder, found by the file name in the URL. */
async function imageCandidates(
  folder: string,
  items: readonly { item: SafetyItem; country: string | null }[],
): Promise<{ byItem: Map<string, ImageCandidate>; missing: number; skipped: SkippedFile[] }> {
  const root = await realpath(folder);
  const files = await walk(root, (name) =>
    IMAGE_EXTENSIONS.has(name.slice(name.lastIndexOf('.')).toLowerCase()),
  );
  // Subset folders disambiguate names used in both subsets (images/casa/x.jpg, images/safeworld/x.jpg).
  const byName = new Map<string, string[]>();
  for (const file of files) byName.set(basename(file), [...(byName.get(basename(file)) ?? []), file]);
  const byItem = new Map<string, ImageCandidate>();
  const skipped: SkippedFile[] = [];
  let missing = 0;
  for (const { item, country } of items) {
    const matches = byName.get(item.imageFileName) ?? [];
    const file =
      matches.find((path) => relative(root, path).split(/[\\/]/).includes(item.subset)) ?? matches[0];
    if (file === undefined) {
      missing++;
      continue;
    }
    if (country === null) {
      skipped.push({ file, reason: `'${item.country}' is not an ISO country, so the image has no country` });
      continue;
    }
    byItem.set(item.id, {
      file,
      real: file,
      country,
      category: `cross-${item.subset}`,
      source: item.imageUrl,
      licence: CROSS_IMAGE_LICENCE,
      attribution: item.imageSource === 'pexels' ? `Pexels (${item.imageSourceText})` : item.imageSourceText,
    });
  }
  return { byItem, missing, skipped };
}

/**
 * Imports the CROSS benchmark from a local copy: its JSON files (bad records reported one by one, the good
 * ones kept) and, when the images are there, the images into the library, linked to their queries. Nothing
 * is stored when a file cannot be read at all.
 */
export async function importCross(
  path: string,
  repositories: { safety: SafetyRepository; images: ImageRepository },
  options: CrossImportOptions,
): Promise<CrossImportReport> {
  const started = performance.now();
  const files: CrossFileReport[] = [];
  const rejected: CrossImportReport['rejected'] = [];
  const resolved: { item: SafetyItem; country: string | null }[] = [];
  const unresolved = new Set<string>();
  for (const file of await crossFiles(path)) {
    for (const { source, records, label } of await recordLists(file)) {
      const { items, errors } = validateRecordsOf(file, label, records, source);
      for (const error of errors) rejected.push({ file: label, ...error });
      files.push({
        file: label,
        subset: source.subset,
        setting: source.setting,
        records: Array.isArray(records) ? records.length : 0,
        items: items.length,
      });
      for (const item of items) {
        const country = resolveCountry(item.country);
        if (country === null) unresolved.add(item.country);
        resolved.push({ item, country });
      }
    }
  }
  const defaultImages =
    (await isDirectory(path)) && (await isDirectory(join(path, 'images'))) ? join(path, 'images') : null;
  const imagesFolder = options.imagesFolder ?? defaultImages;
  let linked = 0;
  let missing = resolved.length;
  const skipped: SkippedFile[] = [];
  const imageIds = new Map<string, number>();
  if (imagesFolder !== null) {
    if (!(await isDirectory(imagesFolder)))
      throw new AppError('not_found', `Image folder '${imagesFolder}' does not exist.`, {
        file: imagesFolder,
      });
    const found = await imageCandidates(imagesFolder, resolved);
    missing = found.missing;
    skipped.push(...found.skipped);
    const entries = [...found.byItem.entries()];
    const outcome = await importImageCandidates(
      entries.map(([, candidate]) => candidate),
      repositories.images,
      options.images,
    );
    skipped.push(...outcome.skipped);
    const idByFile = new Map(outcome.imported.map((entry) => [entry.candidate.file, entry.imageId]));
    for (const [itemId, candidate] of entries) {
      const imageId = idByFile.get(candidate.file);
      if (imageId !== undefined) imageIds.set(itemId, imageId);
    }
    linked = imageIds.size;
  }
  const stored: StoredSafetyItem[] = resolved.map(({ item, country }) => ({
    item,
    country,
    imageId: imageIds.get(item.id) ?? null,
  }));
  const { added, updated } = await repositories.safety.upsertItems(stored);
  return {
    files,
    added,
    updated,
    rejected,
    unresolvedCountries: [...unresolved].sort(),
    images: { folder: imagesFolder, linked, missing, skipped },
    seconds: (performance.now() - started) / 1000,
  };
}
