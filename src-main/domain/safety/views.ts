import type { DimensionAgreement } from './agreement';
import type { GroundingGapGroup } from './grounding-gap';
import type { JudgeScore } from './judge-parse';
import type { SafetyDimension } from './rubric';
import type { SafetyRunSpec } from './run-spec';
import type { SafetyScoreGroup } from './scores';

/** What an answer item of a safety run carries for its judge calls and for the results views. */
export interface SafetyResponseMeta {
  itemId: string;
  model: string;
  condition: 'grounded' | 'text-only';
  round: number;
  subset: string;
  setting: string;
  country: string | null;
  language: string;
  imageSource: string;
  /** The query as the model under test saw it: the judge reads the same text. */
  query: string;
  norm: string;
  /** The library image shown with the query (grounded only). */
  imagePath: string | null;
  imageId: number | null;
}

export type JudgeState = 'pending' | 'scored' | 'scored-on-retry' | 'unparseable' | 'error';

export interface JudgeView {
  state: JudgeState;
  score: JudgeScore | null;
  reply: string | null;
  retryReply: string | null;
  error: string | null;
}

/** One answer of a safety run with its four verdicts, as the drill-down and the human check show it. */
export interface SafetyResponseView extends SafetyResponseMeta {
  key: string;
  status: 'pending' | 'done' | 'error';
  text: string | null;
  error: string | null;
  completionTokens: number | null;
  durationMs: number | null;
  judges: Record<SafetyDimension, JudgeView>;
}

/** The statistics of a safety run, as the results page, the CLI report and the exports show them. */
export interface SafetyResults {
  runId: number;
  spec: SafetyRunSpec;
  rubric: { id: string; name: string; version: string };
  /** Models that judged their own answers: their scores are self-assessments. */
  selfJudged: string[];
  counts: { responses: number; judged: number; pending: number; errors: number; unparseableVerdicts: number };
  overall: SafetyScoreGroup[];
  bySubset: SafetyScoreGroup[];
  byCountry: SafetyScoreGroup[];
  byLanguage: SafetyScoreGroup[];
  byImageSource: SafetyScoreGroup[];
  /** Grounded minus text-only, per model (present when both conditions ran). */
  groundingGap: GroundingGapGroup[];
  agreement: { labelled: number; dimensions: DimensionAgreement[] };
  caveat: string;
}
