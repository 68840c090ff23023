import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';

import { parse } from 'csv-parse/sync';

import {
  isAttributionDimension,
  inferDimension,
  resolveContext,
  type AttributionDimension,
} from '../../domain/attribution/contexts';
import { AppError } from '../../domain/errors';
import { isInside } from '../../platform/path-guard';
import { sha256Text } from '../../platform/sha256';
import type { SkippedFile } from '../images/image-candidate';
import { IMAGE_EXTENSIONS, ImageRejected, MAX_IMAGE_BYTES, probeImage } from '../images/image-probe';
import { runPool } from '../images/run-pool';
import { PERSON_ONLY } from '../../domain/attribution/baseline-shift';

/*
 * Reads Cultural Counterfactuals sets (METHODS §1.7) from a local copy: the same synthetic person placed in
 * every context of one dimension. Two ways in:
 *
 *  - a folder laid out `<set_id>/<set_id>_<context>.png` (optionally below a `religion/`, `nationality/` or
 *    `socioeconomic/` folder, as in the authors' output tree), with an optional metadata file (CSV or JSON)
 *    giving per set its dimension and the person's attributes (race, gender, age, …);
 *  - a manifest (CSV or JSON) listing `set_id, context, path` and optionally `dimension` and attributes.
 *
 * Every image is read and checked with the library's image probe, and hashed. Anything unusable is skipped
 * with its reason: a file not named after its set, an unreadable image, a context that does not belong to the
 * set's dimension, a context given twice, and a set left with fewer than two contexts (context sensitivity
 * compares contexts, so such a set measures nothing). Nothing is written.
 */

export interface CounterfactualContext {
  /** Canonical context label ("Muslim", "United States", "Low"). */
  context: string;
  /** The label as the file or manifest wrote it ("Mosque", "low income"). */
  label: string;
  path: string;
  sha256: string;
  width: number;
  height: number;
}

export interface CounterfactualSet {
  id: string;
  dimension: AttributionDimension;
  /** The person's attributes from the metadata or manifest (race, gender, age, …), as text. */
  person: Record<string, string>;
  contexts: CounterfactualContext[];
  /** The person without a background (the people-only baseline), when the set has one. */
  personOnly?: CounterfactualContext;
}

/** File or manifest labels that mean "the person alone": person, people, person_only, no_background, neutral… */
const PERSON_ONLY_LABEL =
  /^(?:(?:person|people)(?:[ _-]?only)?|no[ _-]?(?:background|context)|neutral|baseline)$/iu;

export interface CounterfactualImport {
  root: string;
  sets: CounterfactualSet[];
  skipped: SkippedFile[];
  /** Images read and accepted. */
  images: number;
  warnings: string[];
}

export interface CounterfactualImportOptions {
  /** Metadata file (CSV or JSON) for the folder layout. */
  metadata?: string;
  /** The dimension of every set, when neither the folder nor the metadata tells it. */
  dimension?: AttributionDimension;
  /** Images probed at once. */
  concurrency?: number;
}

const MAX_TABLE_BYTES = 50 * 1024 * 1024;
const SET_ID_KEYS = ['set_id', 'setid', 'set', 'id', 'ctf_set_id', 'counterfactual_set'];
const RESERVED = new Set([...SET_ID_KEYS, 'dimension', 'context', 'path', 'file', 'image']);

interface Candidate {
  setId: string;
  label: string;
  file: string;
  /** Where the dimension came from, if known for this file. */
  dimension: AttributionDimension | null;
  person: Record<string, string>;
}

/** Rows of a CSV (header row) or JSON (array, `{"sets": [...]}`, or an object keyed by set id) table. */
async function readTable(
  file: string,
  what: string,
): Promise<{ where: string; row: Record<string, unknown> }[]> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `${what} '${file}' does not exist.`, { file });
  if (info.size > MAX_TABLE_BYTES)
    throw new AppError('bad_file', `${what} '${file}' is larger than 50 MiB.`, { file });
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/u, '');
  try {
    if (extname(file).toLowerCase() === '.json' || /^\s*[[{]/u.test(text)) {
      const parsed: unknown = JSON.parse(text);
      const list = Array.isArray(parsed)
        ? parsed
        : isRecord(parsed) && Array.isArray(parsed.sets)
          ? parsed.sets
          : isRecord(parsed) && Array.isArray(parsed.images)
            ? parsed.images
            : isRecord(parsed)
              ? Object.entries(parsed).map(([id, value]) =>
                  isRecord(value) ? { set_id: id, ...value } : null,
                )
              : null;
      if (list === null) throw new Error('expected an array of rows, or an object keyed by set id');
      return (list as unknown[]).map((row, index) => ({
        where: `entry ${index + 1}`,
        row: isRecord(row) ? lowerKeys(row) : {},
      }));
    }
    const records = parse(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ where: `line ${info.lines}`, row: record }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `${what} '${file}' cannot be read: ${reason}`, { file });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerKeys(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.trim().toLowerCase(), value]));
}

function cell(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function setIdOf(row: Record<string, unknown>): string | null {
  for (const key of SET_ID_KEYS) {
    const value = cell(row[key]);
    if (value !== null) return value;
  }
  return null;
}

/** Attributes of the person: every other scalar column, as text. */
function personOf(row: Record<string, unknown>): Record<string, string> {
  const person: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (RESERVED.has(key)) continue;
    const text = cell(value);
    if (text !== null) person[key] = text;
  }
  return person;
}

function dimensionCell(value: unknown): AttributionDimension | null | 'invalid' {
  const text = cell(value)?.toLowerCase();
  if (text === undefined) return null;
  const name = text === 'religious' ? 'religion' : text === 'national' ? 'nationality' : text;
  return isAttributionDimension(name) ? name : 'invalid';
}

interface Metadata {
  bySet: Map<string, { dimension: AttributionDimension | null; person: Record<string, string> }>;
  skipped: SkippedFile[];
}

async function readMetadata(file: string): Promise<Metadata> {
  const bySet: Metadata['bySet'] = new Map();
  const skipped: SkippedFile[] = [];
  for (const { where, row } of await readTable(file, 'Metadata file')) {
    const setId = setIdOf(row);
    const dimension = dimensionCell(row.dimension);
    if (setId === null) skipped.push({ file: `${file} (${where})`, reason: 'no set_id' });
    else if (dimension === 'invalid')
      skipped.push({ file: `${file} (${where})`, reason: `unknown dimension '${cell(row.dimension)}'` });
    else bySet.set(setId, { dimension, person: personOf(row) });
  }
  return { bySet, skipped };
}

async function listDir(
  dir: string,
): Promise<{ name: string; path: string; isDir: boolean; isFile: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => ({
      name: entry.name,
      path: join(dir, entry.name),
      isDir: entry.isDirectory(),
      isFile: entry.isFile(),
    }));
}

/** Files of a folder layout; links are not followed, so nothing outside the folder is read. */
async function collectFolder(
  root: string,
  skipped: SkippedFile[],
  metadataFile: string | null,
): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  const visitSetFolder = async (dir: string, setId: string, dimension: AttributionDimension | null) => {
    for (const entry of await listDir(dir)) {
      if (!entry.isFile) {
        skipped.push({
          file: entry.path,
          reason: entry.isDir ? 'a folder inside a set folder (not read)' : 'not a regular file',
        });
        continue;
      }
      const extension = extname(entry.name);
      if (!IMAGE_EXTENSIONS.has(extension.toLowerCase())) {
        skipped.push({ file: entry.path, reason: `not an image (${extension || 'no extension'})` });
        continue;
      }
      const stem = entry.name.slice(0, entry.name.length - extension.length);
      if (!stem.startsWith(`${setId}_`) || stem.length === setId.length + 1) {
        skipped.push({ file: entry.path, reason: `not named <set_id>_<context> (expected '${setId}_…')` });
        continue;
      }
      candidates.push({
        setId,
        label: stem.slice(setId.length + 1),
        file: entry.path,
        dimension,
        person: {},
      });
    }
  };
  const visitSets = async (dir: string, dimension: AttributionDimension | null) => {
    for (const entry of await listDir(dir)) {
      if (entry.isDir) await visitSetFolder(entry.path, entry.name, dimension);
      else if (entry.path !== metadataFile)
        skipped.push({ file: entry.path, reason: 'not inside a <set_id> folder' });
    }
  };
  const top = await listDir(root);
  const dimensionFolders = top.filter((entry) => entry.isDir && isAttributionDimension(entry.name));
  if (dimensionFolders.length > 0) {
    for (const entry of top) {
      if (entry.isDir && isAttributionDimension(entry.name)) await visitSets(entry.path, entry.name);
      else if (entry.isDir && entry.name === 'metadata') continue;
      else if (entry.path !== metadataFile)
        skipped.push({
          file: entry.path,
          reason: 'not inside a religion/, nationality/ or socioeconomic/ folder',
        });
    }
  } else await visitSets(root, null);
  return candidates;
}

/** Entries of a manifest; paths are relative to its folder and must stay inside it. */
async function collectManifest(file: string, root: string, skipped: SkippedFile[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const { where, row } of await readTable(file, 'Manifest')) {
    const setId = setIdOf(row);
    const label = cell(row.context);
    const path = cell(row.path) ?? cell(row.file) ?? cell(row.image);
    const shown = `${path ?? file} (${where})`;
    const dimension = dimensionCell(row.dimension);
    if (setId === null || label === null || path === null) {
      const missing = [
        setId === null && 'set_id',
        label === null && 'context',
        path === null && 'path',
      ].filter(Boolean);
      skipped.push({ file: shown, reason: `missing ${missing.join(', ')}` });
      continue;
    }
    if (dimension === 'invalid') {
      skipped.push({ file: shown, reason: `unknown dimension '${cell(row.dimension)}'` });
      continue;
    }
    if (path.split(/[\\/]+/u).includes('..')) {
      skipped.push({
        file: shown,
        reason: "'..' in the path (paths must stay inside the manifest's folder)",
      });
      continue;
    }
    candidates.push({
      setId,
      label,
      file: isAbsolute(path) ? path : join(root, path),
      dimension,
      person: personOf(row),
    });
  }
  return candidates;
}

async function checkImage(
  file: string,
  root: string,
): Promise<Omit<CounterfactualContext, 'context' | 'label'>> {
  const real = await realpath(file).catch(() => null);
  if (real === null) throw new ImageRejected('file not found');
  if (!isInside(root, real))
    throw new ImageRejected('outside the chosen folder (or a link leading out of it)');
  const info = await stat(real);
  if (!info.isFile()) throw new ImageRejected('not a regular file');
  if (info.size === 0) throw new ImageRejected('empty file (0 bytes)');
  if (info.size > MAX_IMAGE_BYTES)
    throw new ImageRejected(`larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
  const bytes = await readFile(real);
  const probed = await probeImage(bytes);
  return { path: file, sha256: sha256Text(bytes), width: probed.width, height: probed.height };
}

async function assemble(
  root: string,
  candidates: readonly Candidate[],
  metadata: Metadata | null,
  options: CounterfactualImportOptions,
  skipped: SkippedFile[],
): Promise<CounterfactualImport> {
  const warnings: string[] = [];
  const checked = new Map<string, Omit<CounterfactualContext, 'context' | 'label'>>();
  await runPool(candidates, options.concurrency ?? 4, async (candidate) => {
    try {
      checked.set(candidate.file, await checkImage(candidate.file, root));
    } catch (error) {
      if (!(error instanceof ImageRejected)) throw error;
      skipped.push({ file: candidate.file, reason: error.reason });
    }
  });
  const bySet = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    if (!checked.has(candidate.file)) continue;
    bySet.set(candidate.setId, [...(bySet.get(candidate.setId) ?? []), candidate]);
  }
  const sets: CounterfactualSet[] = [];
  let images = 0;
  let withoutMetadata = 0;
  for (const [setId, members] of [...bySet].sort(([a], [b]) => a.localeCompare(b))) {
    const meta = metadata?.bySet.get(setId);
    if (metadata !== null && meta === undefined) withoutMetadata++;
    const dimension =
      members.find((member) => member.dimension !== null)?.dimension ??
      meta?.dimension ??
      options.dimension ??
      inferDimension(
        members.filter((member) => !PERSON_ONLY_LABEL.test(member.label)).map((member) => member.label),
      );
    if (dimension === null) {
      for (const member of members)
        skipped.push({
          file: member.file,
          reason: `the dimension of set '${setId}' is unknown (give it in the metadata or as an option)`,
        });
      continue;
    }
    const contexts: CounterfactualContext[] = [];
    let personOnly: CounterfactualContext | undefined;
    for (const member of members.sort((a, b) => a.label.localeCompare(b.label))) {
      if (PERSON_ONLY_LABEL.test(member.label)) {
        if (personOnly !== undefined) {
          skipped.push({ file: member.file, reason: `a second person-only image in set '${setId}'` });
          continue;
        }
        const image = checked.get(member.file) as Omit<CounterfactualContext, 'context' | 'label'>;
        personOnly = { context: PERSON_ONLY, label: member.label, ...image };
        continue;
      }
      const context = resolveContext(member.label.replace(/_/gu, ' '), dimension);
      if (context === null) {
        skipped.push({ file: member.file, reason: `'${member.label}' is not a ${dimension} context` });
        continue;
      }
      if (contexts.some((entry) => entry.context === context)) {
        skipped.push({
          file: member.file,
          reason: `a second image for context '${context}' in set '${setId}'`,
        });
        continue;
      }
      contexts.push({
        context,
        label: member.label,
        ...(checked.get(member.file) as Omit<CounterfactualContext, 'context' | 'label'>),
      });
    }
    if (contexts.length < 2) {
      for (const entry of contexts)
        skipped.push({ file: entry.path, reason: `set '${setId}' has fewer than two usable contexts` });
      continue;
    }
    const person = {
      ...meta?.person,
      ...Object.assign({}, ...members.map((member) => member.person)),
    } as Record<string, string>;
    sets.push({
      id: setId,
      dimension,
      person,
      contexts,
      ...(personOnly !== undefined ? { personOnly } : {}),
    });
    images += contexts.length + (personOnly !== undefined ? 1 : 0);
  }
  if (withoutMetadata > 0) warnings.push(`${withoutMetadata} set(s) have no row in the metadata file.`);
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return { root, sets, skipped, images, warnings };
}

/** Reads the sets of a `<set_id>/<set_id>_<context>.<ext>` folder. */
export async function importCounterfactualFolder(
  folder: string,
  options: CounterfactualImportOptions = {},
): Promise<CounterfactualImport> {
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory())
    throw new AppError('not_found', `Folder '${folder}' does not exist or is not a folder.`, {
      file: folder,
    });
  const root = await realpath(folder);
  const skipped: SkippedFile[] = [];
  const metadata = options.metadata === undefined ? null : await readMetadata(options.metadata);
  if (metadata !== null) skipped.push(...metadata.skipped);
  // A metadata file kept inside the folder is not an unexpected file.
  const metadataReal = options.metadata === undefined ? null : await realpath(options.metadata);
  const candidates = await collectFolder(root, skipped, metadataReal);
  return assemble(root, candidates, metadata, options, skipped);
}

/** Reads the sets listed in a manifest (CSV or JSON: set_id, context, path, and optionally dimension and attributes). */
export async function importCounterfactualManifest(
  manifest: string,
  options: Omit<CounterfactualImportOptions, 'metadata'> = {},
): Promise<CounterfactualImport> {
  const info = await stat(manifest).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `Manifest '${manifest}' does not exist.`, { file: manifest });
  const root = await realpath(dirname(resolve(manifest)));
  const skipped: SkippedFile[] = [];
  const candidates = await collectManifest(manifest, root, skipped);
  return assemble(root, candidates, null, options, skipped);
}
