import { z } from 'zod';
import { AppError } from '../errors';

/*
 * CROSS records (METHODS §1.6). Four upstream files: {casa,safeworld}/{english,multilingual}.json, each a JSON
 * array. The subset and the setting are not stored in the records, so the caller says which file it read.
 *
 * Fields that the study needs (the queries, the norm passed to the judge, the image URL) must be non-empty
 * text; descriptive fields (topic, scene, …) only need to be text, because dropping a whole item for an empty
 * description would bias the coverage for no reason.
 */

export const CROSS_SUBSETS = ['casa', 'safeworld'] as const;
export const CROSS_SETTINGS = ['english', 'multilingual'] as const;
export type CrossSubset = (typeof CROSS_SUBSETS)[number];
export type CrossSetting = (typeof CROSS_SETTINGS)[number];

export interface CrossSource {
  subset: CrossSubset;
  setting: CrossSetting;
}

/** Where the image came from: a Pexels photo, an author screenshot ("self") or another web page. */
export type ImageSourceKind = 'pexels' | 'self' | 'other';

/** One CROSS query, the same shape whatever its subset and setting. */
export interface SafetyItem {
  /** `<subset>/<setting>/<index>`: unique over the four files. */
  id: string;
  /**
   * `<subset>/<index>`: the scenario, shared by its english and multilingual records (the upstream files reuse
   * the index for the translated copy of a query).
   */
  scenarioId: string;
  subset: CrossSubset;
  setting: CrossSetting;
  /** Upstream `index`, e.g. `Japan_1` or `Saudi_Arabia_4`. */
  index: string;
  /** Country name: safeworld's `country` field, else the index prefix with underscores as spaces. */
  country: string;
  /** The index prefix read as a country, kept so importers can check it against safeworld's `country`. */
  indexCountry: string;
  /** `English` in the english setting, else the record's `language`. */
  language: string;
  /** The text sent to the model under test: `translated_query` in the multilingual setting, else `query`. */
  query: string;
  /** The visually grounded English query (`query`), whatever the setting. */
  englishQuery: string;
  /** The original text-only query (`orig_query`), the control of the visual-grounding gap. */
  originalQuery: string;
  /** The norm passed to the judge: `violated_norm` (casa) or `violated_specific_norm` (safeworld). */
  norm: string;
  item: string;
  imageSource: ImageSourceKind;
  /** The upstream `image_source` text as written (a page URL, or "self"). */
  imageSourceText: string;
  /** Upstream `file_name`: the URL of the image. */
  imageUrl: string;
  /** The last path segment of the image URL. */
  imageFileName: string;
  /** SafeWorld norm hierarchy; null for casa. */
  topic: string | null;
  rootNorm: string | null;
  regionOrRace: string | null;
  augmentedNorm: string | null;
  scene: string | null;
}

export interface CrossRecordError {
  /** Position of the record in the file's array, from 0. */
  position: number;
  /** The record's `index` when it had a readable one. */
  index?: string;
  /** Every problem found in the record, in plain words, joined by "; ". */
  reason: string;
}

export interface CrossValidation {
  items: SafetyItem[];
  errors: CrossRecordError[];
}

const INDEX_PATTERN = /^(.+)_(\d+)$/;

const requiredText = z.string().refine((text) => text.trim().length > 0, { message: 'empty' });
const optionalText = z.string();
const nullableText = z.string().nullish();

const commonShape = {
  index: requiredText.refine((text) => INDEX_PATTERN.test(text.trim()), { message: 'index-format' }),
  orig_query: requiredText,
  item: optionalText,
  image_source: optionalText,
  file_name: requiredText,
  query: requiredText,
};

const casaShape = { ...commonShape, violated_norm: requiredText };

const safeworldShape = {
  ...commonShape,
  topic: optionalText,
  root_norm: optionalText,
  region_or_race: nullableText,
  violated_aug_norm: nullableText,
  scene: optionalText,
  violated_specific_norm: requiredText,
  country: requiredText,
};

const multilingualShape = { language: requiredText, translated_query: requiredText };

export const casaEnglishRecordSchema = z.object(casaShape);
export const casaMultilingualRecordSchema = z.object({ ...casaShape, ...multilingualShape });
export const safeworldEnglishRecordSchema = z.object(safeworldShape);
export const safeworldMultilingualRecordSchema = z.object({ ...safeworldShape, ...multilingualShape });

type CasaRecord = z.infer<typeof casaEnglishRecordSchema> & { language?: string; translated_query?: string };
type SafeworldRecord = z.infer<typeof safeworldEnglishRecordSchema> & {
  language?: string;
  translated_query?: string;
};

function schemaFor(source: CrossSource): z.ZodType<CasaRecord | SafeworldRecord> {
  if (source.subset === 'casa') {
    return source.setting === 'english' ? casaEnglishRecordSchema : casaMultilingualRecordSchema;
  }
  return source.setting === 'english' ? safeworldEnglishRecordSchema : safeworldMultilingualRecordSchema;
}

/** Reads `casa/english.json` (or a longer path ending so) as a source; null for any other name. */
export function crossSourceFromPath(path: string): CrossSource | null {
  const match = /(?:^|[\\/])(casa|safeworld)[\\/](english|multilingual)\.json$/i.exec(path);
  if (!match) return null;
  return {
    subset: (match[1] as string).toLowerCase() as CrossSubset,
    setting: (match[2] as string).toLowerCase() as CrossSetting,
  };
}

/** Classifies `image_source`. Upstream writes "self" and, at least once, "self/". */
export function classifyImageSource(text: string): ImageSourceKind {
  const trimmed = text.trim().toLowerCase();
  if (trimmed.replace(/\/+$/, '') === 'self') return 'self';
  const host = /^https?:\/\/([^/?#]+)/.exec(trimmed)?.[1];
  if (host !== undefined && (host === 'pexels.com' || host.endsWith('.pexels.com'))) return 'pexels';
  return 'other';
}

/** `Saudi_Arabia_4` → `Saudi Arabia`. */
export function countryFromIndex(index: string): string | null {
  const match = INDEX_PATTERN.exec(index.trim());
  return match ? (match[1] as string).replace(/_/g, ' ').trim() : null;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function describeIssue(record: Record<string, unknown>, issue: z.core.$ZodIssue): string {
  const field = String(issue.path[0] ?? '');
  const value = record[field];
  if (!(field in record) || value === undefined) return `missing field '${field}'`;
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'string' ? 'text' : issue.expected;
    const nullable = field === 'region_or_race' || field === 'violated_aug_norm';
    return `field '${field}' must be ${expected}${nullable ? ' or null' : ''}, got ${describeType(value)}`;
  }
  if (issue.message === 'index-format') {
    return `field 'index' must look like <Country>_<n>, got '${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  }
  if (issue.message === 'empty') return `field '${field}' is empty`;
  return `field '${field}': ${issue.message}`;
}

function lastPathSegment(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  const segments = path.split('/').filter((segment) => segment.length > 0);
  return segments[segments.length - 1] ?? path;
}

function blankToNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return trimmed.length === 0 ? null : trimmed;
}

function toItem(record: CasaRecord | SafeworldRecord, source: CrossSource): SafetyItem {
  const index = record.index.trim();
  const indexCountry = countryFromIndex(index) as string; // The schema checked the index pattern.
  const safeworld = 'violated_specific_norm' in record ? record : null;
  const englishQuery = record.query.trim();
  const multilingual = source.setting === 'multilingual';
  const imageUrl = record.file_name.trim();
  return {
    id: `${source.subset}/${source.setting}/${index}`,
    scenarioId: `${source.subset}/${index}`,
    subset: source.subset,
    setting: source.setting,
    index,
    country: safeworld ? safeworld.country.trim() : indexCountry,
    indexCountry,
    language: multilingual ? (record.language ?? '').trim() : 'English',
    query: multilingual ? (record.translated_query ?? '').trim() : englishQuery,
    englishQuery,
    originalQuery: record.orig_query.trim(),
    norm: safeworld ? safeworld.violated_specific_norm.trim() : (record as CasaRecord).violated_norm.trim(),
    item: record.item.trim(),
    imageSource: classifyImageSource(record.image_source),
    imageSourceText: record.image_source.trim(),
    imageUrl,
    imageFileName: lastPathSegment(imageUrl),
    topic: safeworld ? blankToNull(safeworld.topic) : null,
    rootNorm: safeworld ? blankToNull(safeworld.root_norm) : null,
    regionOrRace: safeworld ? blankToNull(safeworld.region_or_race) : null,
    augmentedNorm: safeworld ? blankToNull(safeworld.violated_aug_norm) : null,
    scene: safeworld ? blankToNull(safeworld.scene) : null,
  };
}

/**
 * Validates the records of one CROSS file and normalises the good ones. Bad records are reported, one error
 * per record with all its problems, and never stop the others. A repeated index is an error for the later
 * record, because the index is the item's identity in caches and pairings.
 */
export function validateCrossRecords(records: unknown, source: CrossSource): CrossValidation {
  if (!Array.isArray(records)) {
    throw new AppError(
      'invalid_input',
      `A CROSS file (${source.subset}/${source.setting}) must hold a JSON array of records, got ${describeType(records)}.`,
    );
  }
  const schema = schemaFor(source);
  const items: SafetyItem[] = [];
  const errors: CrossRecordError[] = [];
  const firstSeen = new Map<string, number>();
  records.forEach((record: unknown, position) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      errors.push({ position, reason: `record is not an object (got ${describeType(record)})` });
      return;
    }
    const fields = record as Record<string, unknown>;
    const rawIndex = typeof fields.index === 'string' ? fields.index.trim() : undefined;
    const withIndex = (reason: string): CrossRecordError =>
      rawIndex ? { position, index: rawIndex, reason } : { position, reason };
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const reasons = [...new Set(parsed.error.issues.map((issue) => describeIssue(fields, issue)))];
      errors.push(withIndex(reasons.join('; ')));
      return;
    }
    const item = toItem(parsed.data, source);
    const earlier = firstSeen.get(item.index);
    if (earlier !== undefined) {
      errors.push(withIndex(`duplicate index '${item.index}' (first seen at position ${earlier})`));
      return;
    }
    firstSeen.set(item.index, position);
    items.push(item);
  });
  return { items, errors };
}
