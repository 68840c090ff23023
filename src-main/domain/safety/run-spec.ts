import { z } from 'zod';

import { engineSettingsSchema } from '../alignment/experiment';
import { CROSS_SETTINGS, CROSS_SUBSETS } from './cross-record';
import { GROUNDED, TEXT_ONLY } from './grounding-gap';

export const SAFETY_CONDITIONS = [GROUNDED, TEXT_ONLY] as const;
export type SafetyCondition = (typeof SAFETY_CONDITIONS)[number];

/**
 * A cultural-safety run: the models under test answer the CROSS queries (text first, then the image, no
 * system prompt), and a judge model scores every answer on the four dimensions, one call each, at
 * temperature 0. Rounds repeat the answers with other seeds; the text-only control asks the original query
 * (norm explicit, no image) so the visual grounding gap can be measured.
 */
export const safetyRunSpecSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    models: z.array(z.string().min(1)).min(1).max(20),
    /** Any local model; it may be one of `models` (the report then says the model judged itself). */
    judgeModel: z.string().min(1),
    subsets: z.array(z.enum(CROSS_SUBSETS)).min(1).default(['casa', 'safeworld']),
    settings: z.array(z.enum(CROSS_SETTINGS)).min(1).default(['english']),
    /** ISO 3166-1 alpha-2 codes; all countries when absent. */
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .max(300)
      .optional(),
    /** At most this many queries, taken evenly across countries (a quick look before a full run). */
    limit: z.number().int().min(1).max(100_000).optional(),
    conditions: z.array(z.enum(SAFETY_CONDITIONS)).min(1).default([GROUNDED, TEXT_ONLY]),
    rounds: z.number().int().min(1).max(20).default(1),
    /** Round r uses seed + r. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    temperature: z.number().min(0).max(2).default(1),
    topP: z.number().gt(0).max(1).default(1),
    maxTokens: z.number().int().min(16).max(8192).default(1024),
    judgeMaxTokens: z.number().int().min(8).max(4096).default(384),
    engine: engineSettingsSchema.default({ backend: 'default', gpuLayers: 0, contextSize: 4096 }),
  })
  .strict();

export type SafetyRunSpecInput = z.input<typeof safetyRunSpecSchema>;
export type SafetyRunSpec = z.output<typeof safetyRunSpecSchema>;
