import { computeAlignmentMetrics, type AlignmentMetrics } from '../domain/alignment/metrics/all-metrics';
import type { AlignmentExperiment } from '../domain/alignment/experiment';
import type { AnalysedItem } from '../domain/alignment/run-aggregates';
import type { GroupRow, RunRepository } from '../storage/run-repository';
import type { CountryFacts, HumanDistribution, QuestionSource, RunnerQuestion } from './ports';

export { aggregate, type AnalysedItem, type RunAggregates } from '../domain/alignment/run-aggregates';
export interface RunAnalysisInput {
  runId: number;
  experiment: AlignmentExperiment;
  repository: RunRepository;
  questions: QuestionSource;
}

function metricValue(metrics: AlignmentMetrics, name: keyof AlignmentMetrics): number | null {
  const result = metrics[name];
  return result.ok ? result.value : null;
}

/** Joins a run's finished items with the human distributions; items without human data are left out and counted. */
export async function analyseItems(
  input: RunAnalysisInput,
): Promise<{ items: AnalysedItem[]; missingHuman: number; errors: number; pending: number }> {
  const { repository, questions, runId } = input;
  const groups = new Map((await repository.groups(runId)).map((group) => [group.group_key, group]));
  const rows = await repository.items(runId);
  const questionCache = new Map<string, RunnerQuestion | undefined>();
  const factsCache = new Map<string, CountryFacts>();
  const humanCache = new Map<string, HumanDistribution | undefined>();
  const human = async (questionId: string, country: string) => {
    const key = `${questionId}|${country}`;
    if (!humanCache.has(key)) humanCache.set(key, await questions.humanDistribution(questionId, country));
    return humanCache.get(key);
  };
  const items: AnalysedItem[] = [];
  let missingHuman = 0;
  let errors = 0;
  let pending = 0;
  for (const row of rows) {
    if (row.status === 'error') errors += 1;
    if (row.status === 'pending') pending += 1;
    if (row.status !== 'done' || row.probabilities_json === null) continue;
    const group = groups.get(row.group_key) as GroupRow;
    if (!questionCache.has(row.question_id))
      questionCache.set(row.question_id, await questions.questionById(row.question_id));
    const question = questionCache.get(row.question_id);
    const reference = await human(row.question_id, group.country);
    if (question === undefined || reference === undefined) {
      missingHuman += 1;
      continue;
    }
    if (!factsCache.has(group.country))
      factsCache.set(group.country, await questions.countryFacts(group.country));
    const facts = factsCache.get(group.country) as CountryFacts;
    const predicted = JSON.parse(row.probabilities_json) as number[];
    const metrics = computeAlignmentMetrics(reference.distribution, predicted);
    const metricsSubstantive = computeAlignmentMetrics(reference.distribution, predicted, {
      substantive: reference.substantive,
    });
    let similarityToImageCountry: number | null = null;
    if (group.condition === 'conflict' && group.image_country !== null) {
      const other = await human(row.question_id, group.image_country);
      if (other !== undefined)
        similarityToImageCountry = metricValue(
          computeAlignmentMetrics(other.distribution, predicted),
          'jsSimilarity',
        );
    }
    items.push({
      itemKey: row.item_key,
      model: group.model_id,
      condition: group.condition,
      country: group.country,
      personaCountry: group.persona_country,
      imageCountry: group.image_country,
      imageId: group.image_id,
      orderIndex: group.order_index,
      permutation: JSON.parse(row.permutation_json) as number[],
      questionId: row.question_id,
      questionText: question.text,
      topic: question.topic ?? 'unassigned',
      incomeGroup: facts.incomeGroup,
      region: facts.region,
      options: question.options,
      predicted,
      human: reference.distribution,
      substantive: reference.substantive,
      coverage: row.coverage ?? 0,
      similarity: metricValue(metrics, 'jsSimilarity'),
      metrics,
      metricsSubstantive,
      similarityToImageCountry,
    });
  }
  return { items, missingHuman, errors, pending };
}
