import { conditionDifferenceTests } from '../domain/alignment/aggregate/condition-test';
import { countryRankCorrelations } from '../domain/alignment/aggregate/country-rank-correlation';
import type { DistributionRow } from '../domain/alignment/aggregate/distribution-rows';
import { groupMeans, meansOfGroupMeans } from '../domain/alignment/aggregate/group-means';
import { marginalSimilarities } from '../domain/alignment/aggregate/marginal-similarity';
import { pairedDifferences } from '../domain/alignment/aggregate/paired-differences';
import { percentChangeVsBaseline } from '../domain/alignment/aggregate/percent-change';
import type { AlignmentRow } from '../domain/alignment/aggregate/rows';
import { computeAlignmentMetrics, type AlignmentMetrics } from '../domain/alignment/metrics/all-metrics';
import { applyPermutation } from '../domain/alignment/option-order';
import { positionBias } from '../domain/alignment/position-bias';
import type { GroupRow, RunRepository } from '../storage/run-repository';
import type { AlignmentExperiment } from './experiment-spec';
import type { CountryFacts, HumanDistribution, QuestionSource, RunnerQuestion } from './ports';

/** One scored item with its human comparison and every metric (all options and substantive only). */
export interface AnalysedItem extends DistributionRow {
  itemKey: string;
  model: string;
  condition: string;
  country: string;
  personaCountry: string | null;
  imageCountry: string | null;
  imageId: number | null;
  orderIndex: number;
  /** permutation[position] = original option index shown at that letter. */
  permutation: number[];
  questionId: string;
  questionText: string;
  topic: string;
  incomeGroup: string | null;
  region: string | null;
  options: string[];
  predicted: number[];
  human: number[];
  coverage: number;
  similarity: number | null;
  metrics: AlignmentMetrics;
  metricsSubstantive: AlignmentMetrics;
  /** For conflict rows: similarity to the image country's humans ("which cue wins"). */
  similarityToImageCountry: number | null;
}

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

export interface RunAggregates {
  byCountry: ReturnType<typeof groupMeans>;
  byTopic: ReturnType<typeof groupMeans>;
  byTopicCountry: ReturnType<typeof groupMeans>;
  byIncomeGroup: ReturnType<typeof meansOfGroupMeans>;
  byRegion: ReturnType<typeof meansOfGroupMeans>;
  byCondition: ReturnType<typeof groupMeans>;
  percentChangeByCountry: ReturnType<typeof percentChangeVsBaseline>;
  percentChangeByTopic: ReturnType<typeof percentChangeVsBaseline>;
  percentChangeByIncome: ReturnType<typeof percentChangeVsBaseline>;
  pairedVsText: { cue: string; results: ReturnType<typeof pairedDifferences> }[];
  permutationByTopic: { cue: string; results: ReturnType<typeof conditionDifferenceTests> }[];
  marginalByQuestion: ReturnType<typeof marginalSimilarities>;
  countryRank: ReturnType<typeof countryRankCorrelations>;
  positionBias: { orderIndex: number; entries: ReturnType<typeof positionBias> }[];
  cueWins: {
    model: string;
    country: string;
    imageCountry: string;
    personaWins: number;
    imageWins: number;
    n: number;
  }[];
}

/** Every aggregate the results pages and reports show. Only the primary option order (index 0) enters the means. */
export function aggregate(items: AnalysedItem[], experiment: AlignmentExperiment): RunAggregates {
  const primary = items.filter((item) => item.orderIndex === 0);
  const rows: AlignmentRow[] = primary.map((item) => ({
    ...item,
    imageId: item.imageId === null ? undefined : String(item.imageId),
    // Missing metadata becomes its own group in the keys, never a dropped row.
    incomeGroup: item.incomeGroup ?? 'unclassified',
    region: item.region ?? 'unknown',
  }));
  const inclusion = { minCoverage: experiment.minCoverage };
  const byTopicCountry = groupMeans(
    rows,
    ['topic', 'country', 'incomeGroup', 'region', 'condition', 'model'],
    inclusion,
  );
  const cues = experiment.conditions.filter((condition) => condition !== 'T');
  const hasText = experiment.conditions.includes('T');
  const byCountry = groupMeans(rows, ['country', 'condition', 'model'], inclusion);
  const byTopic = groupMeans(rows, ['topic', 'condition', 'model'], inclusion);
  const byIncomeGroup = meansOfGroupMeans(byTopicCountry, ['incomeGroup', 'condition', 'model']);
  const seed = experiment.seed;

  const cueWins = new Map<
    string,
    {
      model: string;
      country: string;
      imageCountry: string;
      personaWins: number;
      imageWins: number;
      n: number;
    }
  >();
  for (const item of primary) {
    if (
      item.condition !== 'conflict' ||
      item.similarity === null ||
      item.similarityToImageCountry === null ||
      item.imageCountry === null
    )
      continue;
    const key = `${item.model}|${item.country}|${item.imageCountry}`;
    const entry = cueWins.get(key) ?? {
      model: item.model,
      country: item.country,
      imageCountry: item.imageCountry,
      personaWins: 0,
      imageWins: 0,
      n: 0,
    };
    entry.n += 1;
    if (item.similarity > item.similarityToImageCountry) entry.personaWins += 1;
    else if (item.similarityToImageCountry > item.similarity) entry.imageWins += 1;
    cueWins.set(key, entry);
  }

  const orders = [...new Set(items.map((item) => item.orderIndex))];
  return {
    byCountry,
    byTopic,
    byTopicCountry,
    byIncomeGroup,
    byRegion: meansOfGroupMeans(byTopicCountry, ['region', 'condition', 'model']),
    byCondition: groupMeans(rows, ['condition', 'model'], inclusion),
    percentChangeByCountry: hasText ? percentChangeVsBaseline(byCountry) : [],
    percentChangeByTopic: hasText ? percentChangeVsBaseline(byTopic) : [],
    percentChangeByIncome: hasText ? percentChangeVsBaseline(byIncomeGroup) : [],
    pairedVsText: hasText
      ? cues.map((cue) => ({
          cue,
          // Pair by question and country: image rows of several images each pair with the one T row.
          results: pairedDifferences(rows, ['model'], {
            baseline: 'T',
            cue,
            seed,
            pairFields: ['model', 'country', 'questionId'],
            ...inclusion,
          }),
        }))
      : [],
    permutationByTopic: hasText
      ? cues.map((cue) => ({
          cue,
          results: conditionDifferenceTests(rows, ['topic', 'model'], {
            baseline: 'T',
            cue,
            seed,
            ...inclusion,
          }),
        }))
      : [],
    marginalByQuestion: marginalSimilarities(primary, ['questionId', 'condition', 'model'], inclusion),
    countryRank: countryRankCorrelations(primary, ['model', 'condition', 'questionId'], inclusion),
    positionBias: orders.map((orderIndex) => ({
      orderIndex,
      entries: positionBias(
        items
          .filter((item) => item.orderIndex === orderIndex)
          // Position bias is about letters, so use the order the options were shown in.
          .map((item) => applyPermutation(item.predicted, item.permutation)),
      ),
    })),
    cueWins: [...cueWins.values()],
  };
}
