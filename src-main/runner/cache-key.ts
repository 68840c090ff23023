import { sha256Text } from '../platform/sha256';
import type { EngineIdentity } from './ports';

/** Bump when the meaning of a stored score changes (scoring method, renormalisation). */
export const SCORING_METHOD = 'next-token-option-sum-v1';

export interface CacheKeyInput {
  identity: EngineIdentity;
  system: string | undefined;
  prefixText: string;
  suffixText: string;
  leadIn: string;
  imageSha256: string | null;
  optionLabels: string[];
}

/**
 * Everything that can change a score: model and projector bytes, engine build and settings, the exact
 * prompt, the image bytes and the scoring method. Two runs that agree on all of it share results.
 */
export function resultCacheKey(input: CacheKeyInput): string {
  const { identity } = input;
  const material = JSON.stringify([
    SCORING_METHOD,
    identity.modelSha256,
    identity.mmprojSha256,
    identity.engine,
    identity.llamaCppBuild,
    identity.backend,
    Object.entries(identity.settings).sort(([a], [b]) => a.localeCompare(b)),
    input.system ?? null,
    input.prefixText,
    input.suffixText,
    input.leadIn,
    input.imageSha256,
    input.optionLabels,
  ]);
  return sha256Text(material);
}
