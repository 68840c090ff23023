import {
  FOUNDATION_JUDGE_SYSTEM,
  foundationJudgeMaxTokens,
  foundationJudgePrompt,
} from '../../domain/attribution/foundation-judge';
import { parseValueList } from '../../domain/attribution/parse-values';
import { detectRefusal } from '../../domain/attribution/refusals';
import type { AttributionRunSpec } from '../../domain/attribution/run-spec';
import type {
  GenerationItemRow,
  GenerationOutput,
  NewGenerationItem,
} from '../../storage/generation-repository';
import type { GenerationStudy } from '../generation/ports';
import { VALUE_STAGE } from './plan-attribution';

export const FOUNDATION_STAGE = 'foundations';

export function foundationKey(valueKey: string): string {
  return `${valueKey}#foundations`;
}

/**
 * The attribution study's follow-ups: with a foundation judge, every answered (not refused, not empty) value
 * answer gets one judge call that maps its values to moral foundations. Parsing is repeated here on purpose:
 * it is deterministic, so the follow-up always sees exactly the values the results will count.
 */
export class AttributionStudy implements GenerationStudy {
  constructor(private readonly spec: AttributionRunSpec) {}

  followUps(item: GenerationItemRow, output: GenerationOutput): NewGenerationItem[] {
    const judge = this.spec.foundationJudge;
    if (judge === undefined || item.stage !== VALUE_STAGE) return [];
    if (detectRefusal(output.text).refusal) return [];
    const values = parseValueList(output.text);
    if (values.length === 0) return [];
    return [
      {
        itemKey: foundationKey(item.item_key),
        stage: FOUNDATION_STAGE,
        parentKey: item.item_key,
        modelId: judge,
        request: {
          system: FOUNDATION_JUDGE_SYSTEM,
          user: foundationJudgePrompt(values),
          sampling: { temperature: 0, topP: 1, seed: 0, maxTokens: foundationJudgeMaxTokens(values) },
        },
        meta: { valueKey: item.item_key, values },
      },
    ];
  }
}
