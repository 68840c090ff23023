import { JUDGE_RETRY_PROMPT, parseJudgeReply } from '../../domain/safety/judge-parse';
import {
  buildJudgeMessages,
  SAFETY_DIMENSIONS,
  type SafetyDimension,
  type SafetyRubric,
} from '../../domain/safety/rubric';
import type { SafetyRunSpec } from '../../domain/safety/run-spec';
import type {
  GenerationItemRow,
  GenerationOutput,
  GenerationRequest,
  NewGenerationItem,
} from '../../storage/generation-repository';
import type { GenerationStudy } from '../generation/ports';
import type { SafetyResponseMeta } from '../../domain/safety/views';

export const RESPONSE_STAGE = 'response';
export const JUDGE_STAGE = 'judge';
export const RETRY_STAGE = 'judge-retry';

export interface JudgeMeta {
  responseKey: string;
  dimension: SafetyDimension;
}

export function judgeKey(responseKey: string, dimension: SafetyDimension): string {
  return `${responseKey}#${dimension}`;
}

export function retryKey(responseKey: string, dimension: SafetyDimension): string {
  return `${responseKey}#${dimension}#retry`;
}

/**
 * The safety study's follow-ups: every answer gets one judge call per dimension (temperature 0, the rubric's
 * system prompt, the image after the text when the answer was grounded); a judge reply without a readable
 * score gets one retry that asks for the digit alone.
 */
export class SafetyStudy implements GenerationStudy {
  constructor(
    private readonly spec: SafetyRunSpec,
    private readonly rubric: SafetyRubric,
  ) {}

  followUps(item: GenerationItemRow, output: GenerationOutput): NewGenerationItem[] {
    if (item.stage === RESPONSE_STAGE) return this.judgeCalls(item, output);
    if (item.stage === JUDGE_STAGE && !parseJudgeReply(output.text).ok) return [this.retryCall(item, output)];
    return [];
  }

  private judgeSampling(maxTokens: number): GenerationRequest['sampling'] {
    return { temperature: 0, topP: 1, seed: 0, maxTokens };
  }

  private judgeCalls(item: GenerationItemRow, output: GenerationOutput): NewGenerationItem[] {
    const meta = JSON.parse(item.meta_json) as SafetyResponseMeta;
    return SAFETY_DIMENSIONS.map((dimension) => {
      const messages = buildJudgeMessages(this.rubric, dimension, {
        query: meta.query,
        norm: meta.norm,
        response: output.text,
      });
      const judgeMeta: JudgeMeta = { responseKey: item.item_key, dimension };
      return {
        itemKey: judgeKey(item.item_key, dimension),
        stage: JUDGE_STAGE,
        parentKey: item.item_key,
        modelId: this.spec.judgeModel,
        request: {
          system: messages.system,
          user: messages.user,
          ...(meta.imagePath !== null ? { imagePath: meta.imagePath, imageAfterText: true } : {}),
          sampling: this.judgeSampling(this.spec.judgeMaxTokens),
        },
        meta: { ...judgeMeta },
      };
    });
  }

  private retryCall(item: GenerationItemRow, output: GenerationOutput): NewGenerationItem {
    const judgeMeta = JSON.parse(item.meta_json) as JudgeMeta;
    const first = JSON.parse(item.request_json) as GenerationRequest;
    return {
      itemKey: retryKey(judgeMeta.responseKey, judgeMeta.dimension),
      stage: RETRY_STAGE,
      parentKey: item.item_key,
      modelId: item.model_id,
      request: {
        ...first,
        // The request format has no multi-turn history, so the first reply is quoted in the user turn.
        user: `${first.user}\n\nYour reply was:\n${output.text}\n\n${JUDGE_RETRY_PROMPT}`,
        sampling: this.judgeSampling(8),
      },
      meta: { ...judgeMeta },
    };
  }
}
