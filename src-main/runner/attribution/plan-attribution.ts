import {
  renderClassificationPrompt,
  renderValuePrompt,
  type AttributionTemplate,
} from '../../domain/attribution/prompts';
import type { AttributionRunSpec } from '../../domain/attribution/run-spec';
import type { AttributionItemMeta } from '../../domain/attribution/views';
import type { NewGenerationItem } from '../../storage/generation-repository';
import type { StoredCounterfactualSet } from '../../storage/attribution-repository';
import { PERSON_ONLY } from '../../domain/attribution/baseline-shift';

export const VALUE_STAGE = 'value';
export const CLASSIFY_STAGE = 'classify';

export interface AttributionPlan {
  items: NewGenerationItem[];
  sets: number;
  images: number;
  warnings: string[];
}

/** The sets a spec selects: by id or dimension, at most `setsPerDimension` of each dimension (in id order). */
export function selectSets(
  spec: AttributionRunSpec,
  sets: readonly StoredCounterfactualSet[],
): StoredCounterfactualSet[] {
  const wanted = spec.setIds === undefined ? undefined : new Set(spec.setIds);
  const taken = new Map<string, number>();
  return sets.filter((set) => {
    if (!spec.dimensions.includes(set.dimension)) return false;
    if (wanted !== undefined && !wanted.has(set.id)) return false;
    const count = taken.get(set.dimension) ?? 0;
    if (spec.setsPerDimension !== undefined && count >= spec.setsPerDimension) return false;
    taken.set(set.dimension, count + 1);
    return true;
  });
}

/**
 * Work items, in the order they run: every value answer (model × set × context × kind × sample), then the
 * person-only and blank-image baselines, then the classification questions. Keys are stable, so re-planning the same spec
 * gives the same items and a resumed run neither repeats nor skips any.
 */
export function planAttributionRun(
  spec: AttributionRunSpec,
  template: AttributionTemplate,
  sets: readonly StoredCounterfactualSet[],
  blankImagePath: string,
): AttributionPlan {
  const chosen = selectSets(spec, sets);
  const items: NewGenerationItem[] = [];
  const sampling = (sample: number) => ({
    temperature: spec.temperature,
    topP: spec.topP,
    seed: spec.seed + sample,
    maxTokens: spec.maxTokens,
  });
  const push = (
    key: string,
    stage: string,
    meta: AttributionItemMeta,
    request: NewGenerationItem['request'],
  ) => items.push({ itemKey: key, stage, parentKey: null, modelId: meta.model, request, meta: { ...meta } });
  for (const model of spec.models) {
    for (const set of chosen) {
      for (const image of set.contexts) {
        for (const kind of spec.kinds) {
          const prompt = renderValuePrompt(template, set.dimension, kind, 'context');
          for (let sample = 0; sample < spec.samples; sample++) {
            push(
              `${model}|${set.id}|${image.context}|${kind}|s${sample}`,
              VALUE_STAGE,
              {
                model,
                setId: set.id,
                dimension: set.dimension,
                context: image.context,
                kind,
                sample,
                condition: 'context',
              },
              {
                ...(prompt.system !== undefined ? { system: prompt.system } : {}),
                user: prompt.user,
                imagePath: image.path,
                sampling: sampling(sample),
              },
            );
          }
        }
      }
    }
    if (spec.personOnlyBaseline) {
      for (const set of chosen) {
        if (set.personOnly === undefined) continue;
        for (const kind of spec.kinds) {
          const prompt = renderValuePrompt(template, set.dimension, kind, 'person-only');
          for (let sample = 0; sample < spec.samples; sample++) {
            push(
              `${model}|${set.id}|person-only|${kind}|s${sample}`,
              VALUE_STAGE,
              {
                model,
                setId: set.id,
                dimension: set.dimension,
                context: PERSON_ONLY,
                kind,
                sample,
                condition: 'person-only',
              },
              {
                ...(prompt.system !== undefined ? { system: prompt.system } : {}),
                user: prompt.user,
                imagePath: set.personOnly.path,
                sampling: sampling(sample),
              },
            );
          }
        }
      }
    }
    if (spec.blankBaseline) {
      for (const dimension of new Set(chosen.map((set) => set.dimension))) {
        for (const kind of spec.kinds) {
          const prompt = renderValuePrompt(template, dimension, kind, 'blank-image');
          for (let sample = 0; sample < spec.samples; sample++) {
            push(
              `${model}|blank|${dimension}|${kind}|s${sample}`,
              VALUE_STAGE,
              { model, setId: 'blank', dimension, context: 'blank', kind, sample, condition: 'blank-image' },
              {
                ...(prompt.system !== undefined ? { system: prompt.system } : {}),
                user: prompt.user,
                imagePath: blankImagePath,
                sampling: sampling(sample),
              },
            );
          }
        }
      }
    }
    if (spec.classification) {
      for (const set of chosen) {
        const prompt = renderClassificationPrompt(template, set.dimension, 'background');
        if (prompt === null) continue;
        for (const image of set.contexts) {
          push(
            `${model}|classify|${set.id}|${image.context}`,
            CLASSIFY_STAGE,
            {
              model,
              setId: set.id,
              dimension: set.dimension,
              context: image.context,
              kind: 'classification',
              sample: 0,
              condition: 'context',
            },
            {
              ...(prompt.system !== undefined ? { system: prompt.system } : {}),
              user: prompt.user,
              imagePath: image.path,
              sampling: { temperature: 0, topP: 1, seed: 0, maxTokens: 48 },
            },
          );
        }
      }
    }
  }
  const warnings =
    chosen.length === 0
      ? ['No counterfactual sets match this selection. Import sets first, or widen it.']
      : [];
  return {
    items,
    sets: chosen.length,
    images: chosen.reduce((sum, set) => sum + set.contexts.length, 0),
    warnings,
  };
}
