import { z } from 'zod';

import { SAFETY_DIMENSIONS } from '../domain/safety/rubric';
import { safetyRunSpecSchema } from '../domain/safety/run-spec';
import type { SafetyResponseView, SafetyResults } from '../domain/safety/views';
import { method } from './define';

export type { SafetyResponseView, SafetyResults };

const runId = z.number().int().positive();

export interface CrossImportResult {
  taskId: string;
  files: { file: string; subset: string; setting: string; records: number; items: number }[];
  added: number;
  updated: number;
  rejected: { file: string; position: number; index?: string; reason: string }[];
  unresolvedCountries: string[];
  images: {
    folder: string | null;
    linked: number;
    missing: number;
    skipped: { file: string; reason: string }[];
  };
  seconds: number;
}

export interface SafetyItemsSummary {
  subset: string;
  setting: string;
  country: string | null;
  items: number;
  withImage: number;
}

export interface SafetyPlanPreview {
  queries: number;
  answers: number;
  /** Judge calls: four per answer, plus a retry for each verdict without a readable score. */
  judgeCalls: number;
  warnings: string[];
  selfJudged: boolean;
}

export interface SafetyResponseDetail extends SafetyResponseView {
  /** The person's labels on the human-check screen, by dimension. */
  human: Partial<Record<(typeof SAFETY_DIMENSIONS)[number], 0 | 1>>;
  imageSha256: string | null;
}

export const safety = {
  importCross: method(
    z.object({ path: z.string().min(1), imagesPath: z.string().min(1).optional() }).strict(),
    'Import the CROSS benchmark from a local copy (its JSON files, and its images when present); runs as a task',
  ).returns<CrossImportResult>(),
  downloadImages: method(
    z
      .object({
        subsets: z.array(z.enum(['casa', 'safeworld'])).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    "Download, at the user's request, the images of imported CROSS queries from the URLs in the records; runs as a task",
  ).returns<{
    taskId: string;
    requested: number;
    downloaded: number;
    linked: number;
    failed: { url: string; reason: string }[];
  }>(),
  items: method(z.object({}).strict(), 'Imported CROSS queries per subset, setting and country').returns<
    SafetyItemsSummary[]
  >(),
  plan: method(
    z.object({ spec: safetyRunSpecSchema }).strict(),
    'Preview a safety run: queries, answers and judge calls',
  ).returns<SafetyPlanPreview>(),
  create: method(
    z
      .object({
        spec: safetyRunSpecSchema,
        /** A rubric file (JSON) to use instead of the project's own wording. */
        rubricPath: z.string().min(1).optional(),
        start: z.boolean().default(true),
      })
      .strict(),
    'Create (and by default start) a safety run; pause, resume and cancel go through runs.*',
  ).returns<{ runId: number; queries: number; answers: number; warnings: string[] }>(),
  results: method(
    z.object({ runId }).strict(),
    'Awareness, education, compliance and helpfulness with intervals, by model, subset, country, language and image source; the grounding gap; judge–human agreement',
  ).returns<SafetyResults>(),
  responses: method(
    z
      .object({
        runId,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
        condition: z.enum(['grounded', 'text-only']).optional(),
        /** A reproducible random sample (for the human check) instead of plan order. */
        sampleSeed: z.number().int().min(0).optional(),
      })
      .strict(),
    'Answers with their verdicts and human labels (drill-down and the human check)',
  ).returns<{ total: number; responses: SafetyResponseDetail[] }>(),
  label: method(
    z
      .object({
        runId,
        responseKey: z.string().min(1).max(1000),
        dimension: z.enum(SAFETY_DIMENSIONS),
        /** null removes the label. */
        score: z.union([z.literal(0), z.literal(1), z.null()]),
      })
      .strict(),
    "Record a person's score of one answer on one dimension",
  ).returns<{ ok: true }>(),
  export: method(
    z.object({ runId, outDir: z.string().optional() }).strict(),
    'Write answers.csv, scores.csv and report.html of a safety run',
  ).returns<{ paths: string[] }>(),
};
