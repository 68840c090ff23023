import { AppError } from '../../domain/errors';
import type { GgufModelInfo } from './model-info';

/**
 * Checks, before the engine sees them, that a text model and an mmproj form a usable LLaVA-style pair.
 *
 * Why here and not in the engine: @fugood/llama.node 1.7.15 reports these cases as a bare "Failed to
 * initialize multimodal context" (naming neither file nor cause), and `loadModel` on an unreadable model
 * crashes the process. Reading the headers first turns each case into an error that names the file.
 */
export function assertCompatiblePair(text: GgufModelInfo, mmproj: GgufModelInfo): void {
  if (text.role !== 'text') {
    throw new AppError('bad_file', `${text.file} is a multimodal projector (mmproj), not a text model.`, {
      file: text.file,
    });
  }
  if (mmproj.role !== 'mmproj') {
    throw new AppError('bad_file', `${mmproj.file} is a text model, not a multimodal projector (mmproj).`, {
      file: mmproj.file,
    });
  }
  if (!mmproj.hasVisionEncoder) {
    throw new AppError(
      'bad_file',
      `The projector ${mmproj.file} has no vision encoder (clip.has_vision_encoder is missing or false).`,
      { file: mmproj.file },
    );
  }
  if (
    mmproj.outputSize !== undefined &&
    text.embeddingLength !== undefined &&
    mmproj.outputSize !== text.embeddingLength
  ) {
    throw new AppError(
      'bad_file',
      `The projector ${mmproj.file} produces ${mmproj.outputSize}-wide image embeddings, but the text model ` +
        `${text.file} expects ${text.embeddingLength}: they do not belong together.`,
      { file: mmproj.file, textModel: text.file },
    );
  }
}
