import type { ItemDetail, ItemSummary } from '../../contract/runs';
import type { AnalysedItem } from '../../domain/alignment/run-aggregates';
import type { AlignmentMetrics } from '../../domain/alignment/metrics/all-metrics';
import type { ItemRow } from '../../storage/run-repository';

function flatten(metrics: AlignmentMetrics): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(metrics).map(([name, result]) => [name, result.ok ? result.value : null]),
  );
}

export function isIncludedItem(item: AnalysedItem, minCoverage: number): boolean {
  return item.similarity !== null && item.coverage > 0 && item.coverage >= minCoverage;
}

export function toItemSummary(item: AnalysedItem, minCoverage: number): ItemSummary {
  return {
    itemKey: item.itemKey,
    model: item.model,
    condition: item.condition,
    country: item.country,
    imageId: item.imageId,
    imageCountry: item.imageCountry,
    questionId: item.questionId,
    questionText: item.questionText,
    topic: item.topic,
    coverage: item.coverage,
    similarity: item.similarity,
    included: isIncludedItem(item, minCoverage),
  };
}

export function toItemDetail(
  row: ItemRow,
  item: AnalysedItem | undefined,
  fallback: ItemSummary,
  minCoverage: number,
): Omit<ItemDetail, 'imageSha256'> {
  return {
    ...(item !== undefined ? toItemSummary(item, minCoverage) : fallback),
    status: row.status,
    error: row.error,
    personaCountry: item?.personaCountry ?? null,
    options: item?.options ?? [],
    permutation: JSON.parse(row.permutation_json) as number[],
    predicted: row.probabilities_json === null ? null : (JSON.parse(row.probabilities_json) as number[]),
    human: item?.human ? [...item.human] : null,
    substantive: item?.substantive ? [...item.substantive] : null,
    promptText: row.prompt_text,
    topTokens:
      row.top_tokens_json === null
        ? []
        : (JSON.parse(row.top_tokens_json) as { token: string; prob: number }[]),
    promptTokens: row.prompt_tokens,
    cachedTokens: row.cached_tokens,
    durationMs: row.duration_ms,
    fromCache: row.from_cache === 1,
    metrics: item ? flatten(item.metrics) : {},
    metricsSubstantive: item ? flatten(item.metricsSubstantive) : {},
  };
}
