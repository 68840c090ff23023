import { AppError } from '../../src-main/domain/errors';
import type { GenerationEngine } from '../../src-main/runner/generation/ports';
import type { GenerationOutput, GenerationRequest } from '../../src-main/storage/generation-repository';

/**
 * Test double at the engine's process boundary for free-text generation: answers deterministically
 * from the request (and its seed), can be told what to say for prompts containing a marker, and can crash
 * like a dead engine process. The real engine path is tested with the generated tiny model.
 */
export class GenerationEngineDouble implements GenerationEngine {
  calls = 0;
  crashNext = false;
  delayMs = 0;
  replies: { when: RegExp; text: string }[] = [];

  async generate(
    modelId: string,
    request: GenerationRequest,
    signal: AbortSignal,
  ): Promise<GenerationOutput> {
    if (signal.aborted) throw new AppError('cancelled', 'cancelled');
    if (this.crashNext) {
      this.crashNext = false;
      throw new AppError('engine_crashed', 'The engine process exited unexpectedly (test double).');
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.calls += 1;
    const scripted = this.replies.find((reply) => reply.when.test(request.user));
    const text =
      scripted?.text ?? `${modelId} says ${request.user.length % 7} with seed ${request.sampling.seed}`;
    return { text, promptTokens: request.user.length, completionTokens: text.length, durationMs: 1 };
  }
}
