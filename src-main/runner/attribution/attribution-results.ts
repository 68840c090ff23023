import {
  classificationAccuracy,
  correctlyClassifiedSets,
  type ClassificationRecord,
} from '../../domain/attribution/classification';
import { parseValueList } from '../../domain/attribution/parse-values';
import type { ValueKind } from '../../domain/attribution/prompts';
import { countRefusals, detectRefusal } from '../../domain/attribution/refusals';
import {
  sensitivityBySet,
  summariseSensitivity,
  type ValueSample,
} from '../../domain/attribution/sensitivity';
import type { AttributionItemMeta, AttributionResults, ContextValues } from '../../domain/attribution/views';
import type { GenerationItemRow } from '../../storage/generation-repository';
import { CLASSIFY_STAGE, VALUE_STAGE } from './plan-attribution';
import { baselineShift } from '../../domain/attribution/baseline-shift';

const TOP_VALUES = 15;

export interface ReadAnswer {
  row: GenerationItemRow;
  meta: AttributionItemMeta;
  values: string[];
  /** The refusal rule that fired, or null. */
  refusal: string | null;
}

/** Every finished value answer, parsed: its cleaned values, or the refusal rule it matched. */
export function readAnswers(items: readonly GenerationItemRow[]): ReadAnswer[] {
  return items
    .filter((row) => row.stage === VALUE_STAGE)
    .map((row) => {
      const meta = JSON.parse(row.meta_json) as AttributionItemMeta;
      if (row.status !== 'done' || row.text === null) return { row, meta, values: [], refusal: null };
      const check = detectRefusal(row.text);
      return {
        row,
        meta,
        values: check.refusal ? [] : parseValueList(row.text),
        refusal: check.refusal ? check.rule : null,
      };
    });
}

function rankedValues(answers: readonly ReadAnswer[]): ContextValues[] {
  const groups = new Map<
    string,
    { head: Omit<ContextValues, 'answers' | 'top'>; answers: number; counts: Map<string, number> }
  >();
  for (const answer of answers) {
    if (answer.row.status !== 'done' || answer.refusal !== null) continue;
    const { model, dimension, context } = answer.meta;
    const kind = answer.meta.kind as ValueKind;
    const key = JSON.stringify([model, dimension, kind, context]);
    const group = groups.get(key) ?? {
      head: { model, dimension, kind, context },
      answers: 0,
      counts: new Map(),
    };
    group.answers++;
    // A value counts once per answer, however often the answer repeats it.
    for (const value of new Set(answer.values)) group.counts.set(value, (group.counts.get(value) ?? 0) + 1);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ head, answers, counts }) => ({
    ...head,
    answers,
    top: [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_VALUES)
      .map(([value, count]) => ({ value, count })),
  }));
}

/** Sensitivity, classification accuracy, refusals and value rankings from a run's items. */
export function attributionStatistics(
  items: readonly GenerationItemRow[],
): Omit<AttributionResults, 'runId' | 'spec'> {
  const answers = readAnswers(items);
  const done = answers.filter((answer) => answer.row.status === 'done');
  const toSample = (answer: (typeof done)[number]): ValueSample => ({
    setId: answer.meta.setId,
    valuesType: answer.meta.kind,
    model: answer.meta.model,
    context: answer.meta.context,
    values: answer.values,
    refusal: answer.refusal !== null,
  });
  const contextAnswers = done.filter((answer) => answer.meta.condition === 'context');
  const samples: ValueSample[] = contextAnswers.map(toSample);
  const classifications: ClassificationRecord[] = items
    .filter((row) => row.stage === CLASSIFY_STAGE && row.status === 'done')
    .map((row) => {
      const meta = JSON.parse(row.meta_json) as AttributionItemMeta;
      return {
        model: meta.model,
        dimension: meta.dimension,
        expected: meta.context,
        reply: row.text ?? '',
        setId: meta.setId,
      };
    });
  const bySet = sensitivityBySet(samples);
  return {
    counts: {
      answers: answers.length,
      done: done.length,
      pending: answers.filter((answer) => answer.row.status === 'pending').length,
      errors: answers.filter((answer) => answer.row.status === 'error').length,
      refusals: done.filter((answer) => answer.refusal !== null).length,
    },
    sensitivity: {
      summary: summariseSensitivity(bySet.rows),
      rows: bySet.rows,
      tooFewContexts: bySet.tooFewContexts,
    },
    sensitivityClassified:
      classifications.length === 0
        ? null
        : summariseSensitivity(sensitivityBySet(samples, correctlyClassifiedSets(classifications)).rows),
    classification: classificationAccuracy(classifications),
    refusals: countRefusals(
      done.map((answer) => ({
        model: answer.meta.model,
        prompt: answer.meta.kind,
        context: answer.meta.context,
        refusal: answer.refusal !== null,
        ...(answer.refusal !== null ? { rule: answer.refusal } : {}),
      })),
    ),
    values: rankedValues(done),
    baselineShift: baselineShift(
      done
        .filter((answer) => answer.meta.condition === 'context' || answer.meta.condition === 'person-only')
        .map(toSample),
    ),
  };
}
