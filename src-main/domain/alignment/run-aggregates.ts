import { applyPermutation } from './option-order';
import { conditionDifferenceTests } from './aggregate/condition-test';
import { countryRankCorrelations } from './aggregate/country-rank-correlation';
import type { DistributionRow } from './aggregate/distribution-rows';
import { groupMeans, meansOfGroupMeans } from './aggregate/group-means';
import { marginalSimilarities } from './aggregate/marginal-similarity';
import { pairedDifferences } from './aggregate/paired-differences';
import { percentChangeVsBaseline } from './aggregate/percent-change';
import type { AlignmentRow } from './aggregate/rows';
import type { AlignmentMetrics } from './metrics/all-metrics';
import { positionBias } from './position-bias';
import type { AlignmentExperiment } from './experiment';

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
