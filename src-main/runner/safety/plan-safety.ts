import { GROUNDED } from '../../domain/safety/grounding-gap';
import type { SafetyRunSpec } from '../../domain/safety/run-spec';
import type { SafetyResponseMeta } from '../../domain/safety/views';
import type { NewGenerationItem } from '../../storage/generation-repository';
import type { SafetyItemRow } from '../../storage/safety-repository';

export interface SafetyPlanInput {
  row: SafetyItemRow;
  /** The library file of the item's image, or null when its image was not imported. */
  imagePath: string | null;
}

export interface SafetyPlan {
  items: NewGenerationItem[];
  queries: number;
  warnings: string[];
}

/** Up to `limit` items, taken in turn from each country so a short run still covers every country. */
export function takeAcrossCountries<T extends { row: SafetyItemRow }>(
  items: readonly T[],
  limit?: number,
): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  const byCountry = new Map<string, T[]>();
  for (const item of items) {
    const key = item.row.country ?? item.row.country_name;
    byCountry.set(key, [...(byCountry.get(key) ?? []), item]);
  }
  const queues = [...byCountry.values()];
  const taken: T[] = [];
  for (let depth = 0; taken.length < limit; depth++) {
    for (const queue of queues) {
      const next = queue[depth];
      if (next !== undefined && taken.length < limit) taken.push(next);
    }
  }
  return taken;
}

/**
 * One response item per model × round × condition × query. The grounded condition sends the benchmark's
 * query with its image after the text and no system prompt (as CROSS does); the text-only control sends the
 * original query, whose wording states the norm, without an image. Keys are stable, so re-planning the same
 * spec gives the same items.
 */
export function planSafetyRun(spec: SafetyRunSpec, inputs: readonly SafetyPlanInput[]): SafetyPlan {
  const chosen = takeAcrossCountries(inputs, spec.limit);
  const withoutImage = chosen.filter((input) => input.imagePath === null).length;
  const warnings: string[] = [];
  if (spec.conditions.includes(GROUNDED) && withoutImage > 0)
    warnings.push(
      `${withoutImage} of ${chosen.length} queries have no image in the library, so they run text-only only. ` +
        'Import the benchmark images to ground them.',
    );
  const items: NewGenerationItem[] = [];
  for (const model of spec.models) {
    for (let round = 0; round < spec.rounds; round++) {
      for (const { row, imagePath } of chosen) {
        for (const condition of spec.conditions) {
          if (condition === GROUNDED && imagePath === null) continue;
          const grounded = condition === GROUNDED;
          const query = grounded ? row.query : row.original_query;
          const meta: SafetyResponseMeta = {
            itemId: row.id,
            model,
            condition,
            round,
            subset: row.subset,
            setting: row.setting,
            country: row.country,
            language: row.language,
            imageSource: row.image_source,
            query,
            norm: row.norm,
            imagePath: grounded ? imagePath : null,
            imageId: grounded ? row.image_id : null,
          };
          items.push({
            itemKey: `${model}|r${round}|${condition}|${row.id}`,
            stage: 'response',
            parentKey: null,
            modelId: model,
            request: {
              user: query,
              ...(grounded && imagePath !== null ? { imagePath, imageAfterText: true } : {}),
              sampling: {
                temperature: spec.temperature,
                topP: spec.topP,
                seed: spec.seed + round,
                maxTokens: spec.maxTokens,
              },
            },
            meta: { ...meta },
          });
        }
      }
    }
  }
  return { items, queries: chosen.length, warnings };
}
