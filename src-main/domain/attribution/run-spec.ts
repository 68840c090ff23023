import { z } from 'zod';

import { engineSettingsSchema } from '../alignment/experiment';
import { ATTRIBUTION_DIMENSIONS } from './contexts';
import { VALUE_KINDS } from './prompts';

/**
 * A value-attribution run: each model is shown every context image of the chosen counterfactual sets and
 * asked, `samples` times with different seeds, which moral, ethical and political values the person holds;
 * optionally it also names each image's context (temperature 0), and answers the same questions about a
 * blank image (the baseline that shows what the model says with no person and no context).
 */
export const attributionRunSpecSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    models: z.array(z.string().min(1)).min(1).max(20),
    dimensions: z
      .array(z.enum(ATTRIBUTION_DIMENSIONS))
      .min(1)
      .default([...ATTRIBUTION_DIMENSIONS]),
    /** Only these sets; all sets of the chosen dimensions when absent. */
    setIds: z.array(z.string().min(1)).max(100_000).optional(),
    /** At most this many sets per dimension (a quick look before a full run). */
    setsPerDimension: z.number().int().min(1).max(100_000).optional(),
    kinds: z
      .array(z.enum(VALUE_KINDS))
      .min(1)
      .default([...VALUE_KINDS]),
    samples: z.number().int().min(1).max(50).default(3),
    /** Sample s uses seed + s. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    temperature: z.number().min(0).max(2).default(1),
    topP: z.number().gt(0).max(1).default(1),
    maxTokens: z.number().int().min(8).max(4096).default(160),
    classification: z.boolean().default(true),
    blankBaseline: z.boolean().default(true),
    /** The value questions on each set's person-only image (no background), where the set has one. */
    personOnlyBaseline: z.boolean().default(true),
    /**
     * A local model that maps each answer's values to moral foundations (one call per answer, temperature
     * 0), for foundation profiles without a dictionary. It may be the model under test; the report says so.
     */
    foundationJudge: z.string().min(1).max(200).optional(),
    engine: engineSettingsSchema.default({ backend: 'default', gpuLayers: 0, contextSize: 4096 }),
  })
  .strict();

export type AttributionRunSpecInput = z.input<typeof attributionRunSpecSchema>;
export type AttributionRunSpec = z.output<typeof attributionRunSpecSchema>;
