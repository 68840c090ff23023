import {
  moralFoundationProfiles,
  vadProfile,
  warmthCompetenceProfile,
  type MoralDictionary,
  type VadLexicon,
  type WarmthCompetenceLexicon,
} from '../../domain/attribution/lexicon';
import type { ContextProfile, FoundationProfile } from '../../domain/attribution/views';
import type { ReadAnswer } from './attribution-results';

export type { ContextProfile, FoundationProfile };

export interface Lexicons {
  vad?: VadLexicon;
  warmth?: WarmthCompetenceLexicon;
  moral?: MoralDictionary;
}

/**
 * Lexical profiles of the values attributed in each context (refusals and failed answers left out), with
 * whatever lexicons the user supplied: VAD and warmth/competence per context, moral foundations per
 * (model, dimension, kind) with each context's over-representation against their pool.
 */
export function lexicalProfiles(
  answers: readonly ReadAnswer[],
  lexicons: Lexicons,
): { contexts: ContextProfile[]; foundations: FoundationProfile[] } {
  const groups = new Map<string, { head: Omit<ContextProfile, 'vad' | 'warmth'>; terms: string[] }>();
  for (const answer of answers) {
    if (answer.row.status !== 'done' || answer.refusal !== null) continue;
    const { model, dimension, kind, context } = answer.meta;
    const key = JSON.stringify([model, dimension, kind, context]);
    const group = groups.get(key) ?? { head: { model, dimension, kind, context }, terms: [] };
    group.terms.push(...answer.values);
    groups.set(key, group);
  }
  const contexts = [...groups.values()].map(({ head, terms }) => ({
    ...head,
    vad: lexicons.vad === undefined ? null : vadProfile(terms, lexicons.vad),
    warmth: lexicons.warmth === undefined ? null : warmthCompetenceProfile(terms, lexicons.warmth),
  }));
  const foundations: FoundationProfile[] = [];
  if (lexicons.moral !== undefined) {
    const pools = new Map<
      string,
      { head: Omit<FoundationProfile, 'overall' | 'contexts'>; byContext: Map<string, string[]> }
    >();
    for (const { head, terms } of groups.values()) {
      const key = JSON.stringify([head.model, head.dimension, head.kind]);
      const pool = pools.get(key) ?? {
        head: { model: head.model, dimension: head.dimension, kind: head.kind },
        byContext: new Map<string, string[]>(),
      };
      pool.byContext.set(head.context, terms);
      pools.set(key, pool);
    }
    for (const { head, byContext } of pools.values())
      foundations.push({ ...head, ...moralFoundationProfiles(byContext, lexicons.moral) });
  }
  return { contexts, foundations };
}
