import { AppError } from '../domain/errors';
import type { EngineSettings } from '../domain/alignment/experiment';
import type { GenerationEngine } from '../runner/generation/ports';
import type { AppServices } from './services';

/**
 * The engine process as the generation runner sees it: loads the requested model with the run's engine
 * settings (the judge and the model under test take turns; the runner orders items so that switches are
 * rare), re-encodes the image at the projector's size, and generates.
 */
export function realGenerationEngine(services: AppServices, settings: EngineSettings): GenerationEngine {
  const { models } = services;
  return {
    async generate(modelId, request, signal) {
      const model = await models.find(modelId);
      const engine = await models.engineWith(model, settings);
      const imagePath =
        request.imagePath === undefined ? undefined : await models.imageFor(model, request.imagePath);
      const result = await engine.generate(
        {
          ...(request.system !== undefined ? { system: request.system } : {}),
          user: request.user,
          ...(imagePath !== undefined ? { imagePath, imageAfterText: request.imageAfterText === true } : {}),
          sampling: request.sampling,
        },
        undefined,
        signal,
      );
      if (result.interrupted) throw new AppError('cancelled', 'The generation was interrupted.');
      return {
        text: result.text,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
        durationMs: result.durationMs,
      };
    },
  };
}
