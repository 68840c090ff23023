import { z } from 'zod';

import { method } from './define';

/**
 * The image library. Images are identified by the SHA-256 of their bytes and served only by that hash:
 * the renderer shows them with `va-media://thumb/<sha256>` (or `va-media://image/<sha256>`) in Electron and
 * with `/media/thumb/<sha256>` (or `/media/image/<sha256>`) in browser mode, where the same origin carries
 * the access token. No other path is ever served.
 */

export interface ImageSummary {
  id: number;
  sha256: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  category: string | null;
  width: number;
  height: number;
  format: string;
  /** Monthly household income (USD PPP) when the source gives one (Dollar Street). */
  income: number | null;
  licence: string | null;
  attribution: string | null;
  source: string | null;
  importedAt: string;
}

export interface ImageDetail extends ImageSummary {
  /** The file models read and the UI shows. */
  path: string;
  /** True when that file is the app's own copy (a download, or a copy the user asked for). */
  storedCopy: boolean;
  byteSize: number;
  /** Every place the same bytes were found; 'changed' or 'missing' means that file no longer holds them. */
  files: { path: string; state: 'ok' | 'changed' | 'missing'; country: string; category: string | null }[];
}

export interface ImageImportResult {
  taskId: string;
  folder: string;
  manifest: string | null;
  found: number;
  added: number;
  duplicates: number;
  /** Files whose bytes were already in the library (stored once; this path is remembered too). */
  duplicateFiles: { file: string; sameAs: string }[];
  skipped: { file: string; reason: string }[];
  byCountry: Record<string, number>;
  seconds: number;
}

const importOptions = {
  /** Copy each image into `<app-data>/images` instead of referencing it where it is. */
  copy: z.boolean().default(false),
};

export const images = {
  importFolder: method(
    z
      .object({
        path: z.string().min(1),
        licence: z.string().max(200).optional(),
        attribution: z.string().max(500).optional(),
        ...importOptions,
      })
      .strict(),
    'Import a folder laid out <country>/<category>/<image> (runs as a task; returns its report); originals are never modified',
  ).returns<ImageImportResult>(),
  importDropped: method(
    z
      .object({
        /** Files dropped on the window, as bytes (base64): a dropped file has no path the app may read. */
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(255),
                /** At most 24 MiB of image. */
                dataBase64: z
                  .string()
                  .min(1)
                  .max(32 * 1024 * 1024),
              })
              .strict(),
          )
          .min(1)
          .max(20),
        /** ISO code or name, for every file of the drop. */
        country: z.string().min(2).max(60),
        category: z.string().max(100).optional(),
        licence: z.string().max(200).optional(),
        attribution: z.string().max(500).optional(),
      })
      .strict(),
    'Add images dropped on the window to the library, as the app’s own copies, with one country (and category, licence) for the drop',
  ).returns<ImageImportResult>(),
  importManifest: method(
    z.object({ path: z.string().min(1), ...importOptions }).strict(),
    'Import the images a CSV or JSON manifest lists (path, country, category, income, source, licence, attribution)',
  ).returns<ImageImportResult>(),
  list: method(
    z
      .object({
        country: z.string().min(2).max(6).optional(),
        category: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    'Library images, by country and category, with licence and attribution',
  ).returns<ImageSummary[]>(),
  counts: method(z.object({}).strict(), 'Images per country').returns<
    { country: string; images: number }[]
  >(),
  categories: method(
    z.object({ country: z.string().min(2).max(6).optional() }).strict(),
    'Images per country and category',
  ).returns<{ country: string; category: string | null; images: number }[]>(),
  detail: method(
    z.object({ id: z.number().int().positive() }).strict(),
    'One image with its files, attribution and licence',
  ).returns<ImageDetail>(),
  delete: method(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
    "Remove images from the library (the user's own files are never touched; the app's copies are removed)",
  ).returns<{ deleted: number }>(),
};
