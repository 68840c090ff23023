import { z } from 'zod';

import { method } from './define';

export interface DollarStreetIndexResult {
  file: string;
  rows: number;
  countries: number;
  labels: number;
  households: number;
  unresolvedCountries: string[];
  skipped: { line: number; reason: string }[];
}

/**
 * Counts for a selection. `byCountry` ignores the country choice and `byTopic` the topic choice, so each
 * list shows what choosing differently would give; the totals apply every choice.
 */
export interface DollarStreetSelection {
  photos: number;
  households: number;
  downloaded: number;
  incomeMin: number | null;
  incomeMax: number | null;
  incomeMedian: number | null;
  byCountry: { country: string | null; countryName: string; photos: number; downloaded: number }[];
  byTopic: { topic: string; photos: number }[];
  licence: string;
  attribution: string;
}

export interface DollarStreetDownloadResult {
  requested: number;
  downloaded: number;
  alreadyInLibrary: number;
  failed: { url: string; reason: string }[];
  byCountry: Record<string, number>;
  bytes: number;
}

const selection = {
  /** ISO codes or country names ("KE", "Kenya"). */
  countries: z.array(z.string().min(2).max(60)).max(300).optional(),
  topics: z.array(z.string().min(1).max(100)).max(300).optional(),
  incomeMin: z.number().min(0).optional(),
  incomeMax: z.number().min(0).optional(),
};

export const dollarstreet = {
  importIndex: method(
    z.object({ path: z.string().min(1) }).strict(),
    'Import the Dollar Street index CSV (URLs, country, income, topic labels; no image bytes)',
  ).returns<DollarStreetIndexResult>(),
  query: method(
    z.object(selection).strict(),
    'Photos matching countries, topics and an income range, with counts per country and topic',
  ).returns<DollarStreetSelection>(),
  download: method(
    z
      .object({
        ...selection,
        /** At most this many photos in one go (the index lists 13,565). */
        limit: z.number().int().min(1).max(20_000).default(200),
      })
      .strict(),
    'Download the selected photos into the image library with their attribution (a task)',
  ).returns<{ taskId: string; photos: number }>(),
  wait: method(
    z.object({ taskId: z.string().min(1).max(100) }).strict(),
    'Wait until a Dollar Street download task ends; its report',
  ).returns<DollarStreetDownloadResult>(),
  cancel: method(
    z.object({ taskId: z.string().min(1).max(100) }).strict(),
    'Stop a Dollar Street download; photos already in the library stay',
  ).returns<{ cancelled: true }>(),
};
