import { z } from 'zod';

import { method } from './define';

export interface CatalogueFileView {
  url: string;
  fileName: string;
  approxBytes: number | null;
  sha256: string | null;
  role: 'data' | 'model' | 'mmproj';
}

export interface CatalogueEntryView {
  id: string;
  kind: 'dataset' | 'model';
  title: string;
  description: string;
  licence: string;
  citation: string | null;
  homepage: string;
  target: 'downloads' | 'models';
  files: CatalogueFileView[];
  notes: string[];
}

export interface DownloadView {
  id: number;
  taskId: string;
  catalogueId: string | null;
  /** Without query or credentials (signed links carry secrets there). */
  url: string;
  host: string;
  destination: string;
  /** 'interrupted': the app stopped while it ran; start it again to resume from the partial file. */
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
  bytes: number;
  expectedSha256: string | null;
  sha256: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface DownloadStarted {
  /** Follow it with `task.progress` events (bytes, rate, ETA); cancel with downloads.cancel. */
  taskId: string;
  files: { url: string; destination: string }[];
}

const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 is 64 hexadecimal characters')
  .transform((value) => value.toLowerCase());

export const downloads = {
  catalogue: method(
    z.object({}).strict(),
    'Known sources (datasets, recommended model pairs) with licence, citation and size',
  ).returns<CatalogueEntryView[]>(),
  start: method(
    z
      .object({
        catalogueId: z.string().min(1).max(100).optional(),
        /** https, or http to this computer only. */
        url: z.string().min(1).max(4000).optional(),
        /** Only with `url`: catalogue entries carry their own checksums. */
        sha256: sha256.optional(),
        /** Where a URL download goes; catalogue entries have their own target. */
        to: z.enum(['downloads', 'models']).optional(),
        /** Command line only: any folder the user names (the app's pages use `to`). */
        folder: z.string().min(1).max(4000).optional(),
        fileName: z.string().min(1).max(200).optional(),
      })
      .strict()
      .refine((input) => (input.catalogueId === undefined) !== (input.url === undefined), {
        message: 'give either catalogueId or url',
      })
      .refine((input) => input.to === undefined || input.folder === undefined, {
        message: 'give either to or folder',
      }),
    'Start downloading a catalogue entry or a URL into the app-data downloads or models folder (a task)',
  ).returns<DownloadStarted>(),
  list: method(z.object({}).strict(), 'Downloads, newest first, with their state').returns<DownloadView[]>(),
  wait: method(
    z.object({ taskId: z.string().min(1).max(100) }).strict(),
    'Wait until a download task ends; its files with their final state',
  ).returns<DownloadView[]>(),
  cancel: method(
    z.object({ taskId: z.string().min(1).max(100) }).strict(),
    'Cancel a download; the partial file is kept so starting it again resumes',
  ).returns<{ cancelled: true }>(),
};
