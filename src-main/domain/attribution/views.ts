import type {
  ContextFoundations,
  FoundationDistribution,
  VadProfile,
  WarmthCompetenceProfile,
} from './lexicon';
import type { ClassificationAccuracy } from './classification';
import type { AttributionDimension } from './contexts';
import type { ValueKind } from './prompts';
import type { RefusalCount } from './refusals';
import type { AttributionRunSpec } from './run-spec';
import type { SensitivityRow, SensitivitySummary } from './sensitivity';
import type { BaselineShiftRow } from './baseline-shift';

/** What a value or classification item of an attribution run carries. */
export interface AttributionItemMeta {
  model: string;
  /** 'blank' for the blank-image baseline. */
  setId: string;
  dimension: AttributionDimension;
  /** The image's context; 'blank' for the baseline. */
  context: string;
  kind: ValueKind | 'classification';
  sample: number;
  condition: 'context' | 'person-only' | 'blank-image';
}

/** A value and how many answers gave it. */
export interface RankedValue {
  value: string;
  count: number;
}

export interface ContextValues {
  model: string;
  dimension: AttributionDimension;
  kind: ValueKind;
  context: string;
  /** Answers (samples × sets) read, refusals excluded. */
  answers: number;
  top: RankedValue[];
}

/** The statistics of an attribution run, as the results page, the CLI report and the exports show them. */
export interface AttributionResults {
  runId: number;
  spec: AttributionRunSpec;
  counts: { answers: number; done: number; pending: number; errors: number; refusals: number };
  sensitivity: { summary: SensitivitySummary[]; rows: SensitivityRow[]; tooFewContexts: number };
  /** The same, restricted to sets whose every context the model classified correctly. */
  sensitivityClassified: SensitivitySummary[] | null;
  classification: ClassificationAccuracy[];
  refusals: RefusalCount[];
  /**
   * Most frequent values per context, and for the baselines (context 'person-only' for the person alone,
   * 'blank' for the blank image).
   */
  values: ContextValues[];
  /** How far each background moves the values from those of the person alone (sets with a baseline). */
  baselineShift: BaselineShiftRow[];
}

/** One answer, for the drill-down. */
export interface AttributionAnswer extends AttributionItemMeta {
  key: string;
  status: 'pending' | 'done' | 'error';
  prompt: string;
  text: string | null;
  error: string | null;
  values: string[];
  refusal: string | null;
  imageSha256: string | null;
}

/** Lexical profile of the values attributed in one context. */
export interface ContextProfile {
  model: string;
  dimension: string;
  kind: string;
  context: string;
  vad: VadProfile | null;
  warmth: WarmthCompetenceProfile | null;
}

export interface FoundationProfile {
  model: string;
  dimension: string;
  kind: string;
  overall: FoundationDistribution;
  contexts: ContextFoundations[];
}
