import type {
  GenerationItemRow,
  GenerationOutput,
  GenerationRequest,
  NewGenerationItem,
} from '../../storage/generation-repository';

export interface GenerationEngine {
  /** One completion; rejects with an AppError ('engine_crashed' is retried once). */
  generate(modelId: string, request: GenerationRequest, signal: AbortSignal): Promise<GenerationOutput>;
}

/**
 * What a study adds to the generic loop: the follow-up calls a finished item calls for (a judge call per
 * dimension after a response, a retry after an unparseable verdict). Must be deterministic in its inputs.
 */
export interface GenerationStudy {
  followUps(item: GenerationItemRow, output: GenerationOutput): NewGenerationItem[];
}
