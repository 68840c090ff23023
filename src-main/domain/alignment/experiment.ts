import { z } from 'zod';

import { PROMPT_CONDITIONS } from './conditions';
import { DEFAULT_PROMPT_TEMPLATE } from './default-prompt-template';
import { optionOrderPolicySchema } from './option-order';

/** How images are chosen for the image conditions. */
export const imageSelectionSchema = z
  .object({
    /** Images per country for I, I-cat and TI; each image is its own prefix group. */
    perCountry: z.number().int().min(1).max(50).default(1),
    category: z.string().min(1).optional(),
    /** Explicit choice per country (ISO alpha-2 → image ids); overrides `perCountry`. */
    byCountry: z.record(z.string(), z.array(z.number().int().positive()).min(1)).optional(),
    seed: z.number().int().min(0).default(1),
  })
  .strict();

/** Conflict pairs: persona country → image country. Missing pairs rotate through the selected countries. */
export const conflictPairsSchema = z.record(z.string().length(2), z.string().length(2));

export const engineSettingsSchema = z
  .object({
    /**
     * 'default' | 'vulkan' | 'cuda': the @fugood binding variant in the engine process; 'server': this
     * machine's native llama-server build (value-atlas engine build); 'remote': a llama.cpp server the user
     * runs elsewhere, named by `remote` (an endpoint id from the engine settings).
     */
    backend: z.enum(['default', 'vulkan', 'cuda', 'server', 'remote']).default('default'),
    remote: z.string().min(1).max(100).optional(),
    /**
     * More remote endpoint ids that share the run with `remote` (backend 'remote' only): each endpoint takes
     * whole prefix groups from one queue, and an endpoint that disappears leaves its unfinished groups to the
     * others (or, when none is left, to a later resume).
     */
    shards: z.array(z.string().min(1).max(100)).max(16).optional(),
    threads: z.number().int().min(1).max(256).optional(),
    gpuLayers: z.number().int().min(0).max(1000).default(0),
    contextSize: z.number().int().min(512).max(131072).default(4096),
  })
  .strict()
  .refine(
    (settings) =>
      settings.shards === undefined || settings.shards.length === 0 || settings.backend === 'remote',
    {
      message: "Sharding across endpoints needs backend 'remote' (with 'remote' naming the first endpoint).",
      path: ['shards'],
    },
  )
  .refine(
    (settings) => {
      const lanes = engineLanes(settings);
      return new Set(lanes.map((lane) => lane.remote)).size === lanes.length;
    },
    {
      message: 'Each endpoint may appear once among remote and shards.',
      path: ['shards'],
    },
  );

export const alignmentExperimentSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Model pairs by registry id. One run uses one backend for every condition (fair comparisons). */
    models: z.array(z.string().min(1)).min(1).max(20),
    countries: z.array(z.string().length(2).toUpperCase()).min(1).max(300),
    datasetId: z.number().int().positive(),
    topics: z.array(z.string().min(1)).optional(),
    questionIds: z.array(z.string().min(1)).optional(),
    /** Cap on questions (after topic filtering), for quick looks. */
    questionLimit: z.number().int().min(1).max(5000).optional(),
    conditions: z.array(z.enum(PROMPT_CONDITIONS)).min(1),
    images: imageSelectionSchema.default({ perCountry: 1, seed: 1 }),
    conflictPairs: conflictPairsSchema.optional(),
    templateId: z.string().min(1).default(DEFAULT_PROMPT_TEMPLATE.id),
    /** The first order is the primary pass; further orders (reversed, shuffled) measure position bias. */
    optionOrders: z
      .array(optionOrderPolicySchema)
      .min(1)
      .max(4)
      .default([{ kind: 'identity' }]),
    /** Items whose option mass is below this are flagged and left out of the metrics. */
    minCoverage: z.number().min(0).max(1).default(0),
    engine: engineSettingsSchema.default({ backend: 'default', gpuLayers: 0, contextSize: 4096 }),
    seed: z.number().int().min(0).default(42),
  })
  .strict();

export type AlignmentExperiment = z.output<typeof alignmentExperimentSchema>;
export type AlignmentExperimentInput = z.input<typeof alignmentExperimentSchema>;

export type EngineSettings = z.output<typeof engineSettingsSchema>;

/**
 * The engine settings each worker of a run uses: one lane, or one per remote endpoint when the run is
 * sharded. A lane names a single endpoint, so everything below the runner sees an ordinary remote run.
 */
export function engineLanes<
  T extends { backend: string; remote?: string | undefined; shards?: string[] | undefined },
>(settings: T): (Omit<T, 'shards'> & { remote?: string })[] {
  const { shards, ...single } = settings;
  if (settings.backend !== 'remote' || shards === undefined || shards.length === 0) return [single];
  return [settings.remote, ...shards].map((remote) => ({
    ...single,
    ...(remote !== undefined ? { remote } : {}),
  }));
}
