import { z } from 'zod';

import { alignmentExperimentSchema } from '../domain/alignment/experiment';
import type { RunComparison } from '../domain/alignment/compare-runs';
import type { RunAggregates } from '../domain/alignment/run-aggregates';
import type { MapPlacement } from '../domain/alignment/run-map-placement';
import type { PlanWarning, RunCounts, RunSummary } from '../domain/runs';
import { method } from './define';

export type { MapPlacement };

const runId = z.number().int().positive();

export interface RunEstimate {
  /** Seconds for the whole run, or null when nothing is known about this model's speed yet. */
  seconds: number | null;
  /** How the estimate was made, in words (e.g. "measured 3.2 items/s on run 4"). */
  basis: string;
}

export interface PlanPreview {
  itemCount: number;
  groupCount: number;
  /** Items per condition and per country, for the builder's summary. */
  byCondition: Record<string, number>;
  byCountry: Record<string, number>;
  warnings: PlanWarning[];
  estimate: RunEstimate;
}

export interface RunDetail extends RunSummary {
  counts: RunCounts;
  spec: unknown;
  manifest: Record<string, unknown>;
  warnings: PlanWarning[];
}

export interface ItemSummary {
  itemKey: string;
  model: string;
  condition: string;
  country: string;
  imageId: number | null;
  imageCountry: string | null;
  questionId: string;
  questionText: string;
  topic: string;
  coverage: number;
  similarity: number | null;
  included: boolean;
}

export interface ItemDetail extends ItemSummary {
  /** Content hash of the library image shown with the prompt (null for none or the blank control). */
  imageSha256: string | null;
  status: 'pending' | 'done' | 'error';
  error: string | null;
  personaCountry: string | null;
  options: string[];
  permutation: number[];
  predicted: number[] | null;
  human: number[] | null;
  substantive: boolean[] | null;
  promptText: string | null;
  topTokens: { token: string; prob: number }[];
  promptTokens: number | null;
  cachedTokens: number | null;
  durationMs: number | null;
  fromCache: boolean;
  metrics: Record<string, number | null>;
  metricsSubstantive: Record<string, number | null>;
}

export interface RunResults {
  runId: number;
  counts: {
    analysed: number;
    missingHuman: number;
    errors: number;
    pending: number;
    excludedLowCoverage: number;
  };
  aggregates: RunAggregates;
}

export interface TemplateSummary {
  id: string;
  name: string;
  version: string;
  description?: string;
  builtIn: boolean;
  sha256: string;
}

export const runs = {
  plan: method(
    z.object({ experiment: alignmentExperimentSchema }).strict(),
    'Item count, warnings and time estimate of an experiment',
  ).returns<PlanPreview>(),
  create: method(
    z.object({ experiment: alignmentExperimentSchema, start: z.boolean().default(true) }).strict(),
    'Plan an experiment, store it as a run and (by default) start it',
  ).returns<{ runId: number; itemCount: number; warnings: PlanWarning[] }>(),
  list: method(
    z.object({ kind: z.string().optional() }).strict(),
    'All runs, newest first, with counts',
  ).returns<(RunSummary & { counts: RunCounts })[]>(),
  get: method(
    z.object({ runId }).strict(),
    'One run with its spec, manifest and counts',
  ).returns<RunDetail>(),
  start: method(
    z.object({ runId, retryFailed: z.boolean().default(false) }).strict(),
    'Start or resume a run',
  ).returns<RunSummary>(),
  pause: method(
    z.object({ runId }).strict(),
    'Pause a running run; resume continues where it stopped',
  ).returns<RunSummary>(),
  cancel: method(
    z.object({ runId }).strict(),
    'Cancel a run; finished results are kept',
  ).returns<RunSummary>(),
  delete: method(
    z.object({ runId }).strict(),
    'Delete a run and its results (the result cache stays)',
  ).returns<{ deleted: true }>(),
  results: method(
    z.object({ runId }).strict(),
    'Aggregates: by country, topic, condition, income; changes vs T; tests',
  ).returns<RunResults>(),
  items: method(
    z
      .object({
        runId,
        country: z.string().length(2).optional(),
        condition: z.string().optional(),
        topic: z.string().optional(),
        model: z.string().optional(),
        search: z.string().max(200).optional(),
        sort: z.enum(['position', 'similarity-asc', 'similarity-desc', 'coverage-asc']).default('position'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    'A page of scored items for the drill-down table',
  ).returns<{ total: number; items: ItemSummary[] }>(),
  item: method(
    z.object({ runId, itemKey: z.string().min(1).max(500) }).strict(),
    'One item: prompt, image, both distributions, tokens',
  ).returns<ItemDetail>(),
  export: method(
    z
      .object({
        runId,
        format: z.enum(['csv', 'jsonl', 'html', 'aggregates', 'manifest', 'all']),
        outDir: z.string().optional(),
      })
      .strict(),
    'Write exports into the exports folder (or a chosen allowed folder)',
  ).returns<{ paths: string[] }>(),
  mapPlacement: method(
    z
      .object({
        runId,
        /**
         * A map projection (JSON: items with centre and scale, axes with weights and intercepts, and the source
         * the coefficients come from), e.g. factor loadings fitted on WVS country means.
         */
        projectionPath: z.string().min(1),
      })
      .strict(),
    "Place each country's model answers and human answers on a cultural map (e.g. Inglehart–Welzel) with one projection",
  ).returns<{ projection: { id: string; name: string; source: string }; placements: MapPlacement[] }>(),
  compare: method(
    z.object({ runA: runId, runB: runId }).strict(),
    'Compare two runs item by item',
  ).returns<RunComparison>(),
  templates: method(z.object({}).strict(), 'Prompt templates: the built-in one and those imported').returns<
    TemplateSummary[]
  >(),
  importTemplate: method(
    z.object({ path: z.string().min(1) }).strict(),
    'Load a prompt template file (JSON)',
  ).returns<TemplateSummary>(),
};
