import { z } from 'zod';

import { method } from './define';

export interface ImageSummary {
  id: number;
  sha256: string;
  country: string;
  category: string | null;
  width: number;
  height: number;
  licence: string | null;
  attribution: string | null;
  source: string | null;
}

export interface ImageImportResult {
  folder: string;
  added: number;
  duplicates: number;
  skipped: { file: string; reason: string }[];
  byCountry: Record<string, number>;
}

export const images = {
  importFolder: method(
    z
      .object({
        path: z.string().min(1),
        licence: z.string().max(200).optional(),
        attribution: z.string().max(500).optional(),
      })
      .strict(),
    'Import a folder laid out <country>/<category>/<image>; originals are never modified',
  ).returns<ImageImportResult>(),
  list: method(
    z.object({ country: z.string().length(2).optional(), category: z.string().max(200).optional() }).strict(),
    'Library images, by country and category, with licence and attribution',
  ).returns<ImageSummary[]>(),
  counts: method(z.object({}).strict(), 'Images per country').returns<
    { country: string; images: number }[]
  >(),
};
