import type { EngineSettings } from '../domain/alignment/experiment';
/**
 * What the runner needs from the layers around it, as small interfaces. The API layer adapts the
 * survey repository, the image library and the engine client to these, so the runner can be tested
 * with plain data and the real engine alike.
 */

export interface RunnerQuestion {
  id: string;
  text: string;
  /** Option texts in their original order. */
  options: string[];
  topic: string | null;
}

export interface RunnerImage {
  id: number;
  country: string;
  category: string | null;
  sha256: string;
  path: string;
}

export interface HumanDistribution {
  /** Answer shares in the question's option order (fractions or percent). */
  distribution: number[];
  /** true for substantive options ("Don't know", "No answer", "Missing…" are false). */
  substantive: boolean[];
  scaleType: 'ordinal' | 'categorical' | 'binary';
  /** Respondents (or weight sum) behind the distribution, when known. */
  n: number | null;
}

export interface CountryFacts {
  name: string;
  incomeGroup: string | null;
  region: string | null;
  /** Inglehart–Welzel position of the human survey, when imported. */
  culturalMap: { selfExpression: number; secularRational: number } | null;
}

export interface QuestionSource {
  /** Questions with a human distribution for the country, after the experiment's topic/id filters. */
  questionsFor(country: string): Promise<RunnerQuestion[]>;
  questionById(id: string): Promise<RunnerQuestion | undefined>;
  humanDistribution(questionId: string, country: string): Promise<HumanDistribution | undefined>;
  countryName(code: string): string;
  countryFacts(code: string): Promise<CountryFacts>;
}

export interface ImageSource {
  imagesFor(country: string, category: string | undefined): Promise<RunnerImage[]>;
  /** A neutral blank image at a size every projector accepts (the 'blank' condition's control). */
  blankImage(): Promise<RunnerImage>;
  byId(id: number): Promise<RunnerImage | undefined>;
}

export interface ScoreItemRequest {
  id: string;
  suffixText: string;
  optionLabels: string[];
}

export interface ScoreGroupRequest {
  modelId: string;
  /** The run's engine settings; one run uses one backend and one set of settings throughout. */
  settings?: EngineSettings;
  system?: string;
  prefixText: string;
  imagePath?: string;
  leadIn: string;
  items: ScoreItemRequest[];
}

export interface ScoredItem {
  id: string;
  /** Renormalised over the options, in the order the options were presented. */
  probabilities: number[];
  coverage: number;
  topTokens: { token: string; prob: number }[];
  promptTokens: number;
  cachedTokens: number;
  durationMs: number;
  /** The exact text the model saw (chat template applied, media marker included), when the engine reports it. */
  formattedPrompt?: string;
}

export interface ScoreGroupCounters {
  promptTokensEvaluated: number;
  imageEncodes: number;
  durationMs: number;
}

/** Everything about the engine that decides the numbers, for the cache key and the manifest. */
export interface EngineIdentity {
  modelId: string;
  modelSha256: string;
  mmprojSha256: string | null;
  quantisation: string;
  engine: string;
  llamaCppBuild: string;
  backend: string;
  settings: Record<string, unknown>;
}

export interface ScoringEngine {
  /** Who scores: model hashes and the engine build, part of every cache key (so backends never share results). */
  identify(modelId: string, settings?: EngineSettings): Promise<EngineIdentity>;
  /** Scores one prefix group; `onItem` is awaited for each result so it can be committed before the next. */
  scoreGroup(
    request: ScoreGroupRequest,
    onItem: (item: ScoredItem) => Promise<void>,
    signal: AbortSignal,
  ): Promise<ScoreGroupCounters>;
}
