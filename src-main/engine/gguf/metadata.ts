import type { GgufMetadata } from './types';
import { GgufType } from './types';

/**
 * Lenient typed getters for metadata: a missing key or a value of an unexpected type gives `undefined`,
 * so summaries of odd files degrade instead of failing. Validation that must fail lives in the reader.
 */
export function metaString(metadata: GgufMetadata, key: string): string | undefined {
  const entry = metadata.get(key);
  return entry?.type === GgufType.STRING ? entry.value : undefined;
}

/** Any integer or float value as a number; 64-bit integers only when they fit exactly. */
export function metaNumber(metadata: GgufMetadata, key: string): number | undefined {
  const entry = metadata.get(key);
  if (!entry || entry.type === GgufType.ARRAY) return undefined;
  const value = entry.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : undefined;
  }
  return undefined;
}

export function metaBool(metadata: GgufMetadata, key: string): boolean | undefined {
  const entry = metadata.get(key);
  return entry?.type === GgufType.BOOL ? entry.value : undefined;
}

/** The length of an array value, known even when the reader skipped its elements. */
export function metaArrayLength(metadata: GgufMetadata, key: string): number | undefined {
  const entry = metadata.get(key);
  return entry?.type === GgufType.ARRAY ? entry.length : undefined;
}

export function metaNumberArray(metadata: GgufMetadata, key: string): number[] | undefined {
  const entry = metadata.get(key);
  if (entry?.type !== GgufType.ARRAY || !entry.values) return undefined;
  const values: number[] = [];
  for (let i = 0; i < entry.values.length; i++) {
    const value = entry.values[i];
    if (typeof value === 'number') values.push(value);
    else if (typeof value === 'bigint') values.push(Number(value));
    else return undefined;
  }
  return values;
}

export function metaStringArray(metadata: GgufMetadata, key: string): readonly string[] | undefined {
  const entry = metadata.get(key);
  if (entry?.type !== GgufType.ARRAY || entry.elementType !== GgufType.STRING || !entry.values)
    return undefined;
  // The reader and the writer only pair STRING elements with string arrays.
  return entry.values as readonly string[];
}
