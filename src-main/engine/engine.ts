/**
 * The inference engine behind one small interface. Everything crossing it is plain JSON, so it can live in
 * another process (the engine host) or behind an HTTP server (a llama.cpp server backend).
 */

export type BindingVariant = 'default' | 'vulkan' | 'cuda';

export interface LoadSpec {
  modelPath: string;
  mmprojPath?: string;
  variant: BindingVariant;
  gpuLayers: number;
  threads?: number;
  contextSize: number;
  /**
   * A Jinja chat template that replaces the one in the GGUF, for families whose shipped template is missing
   * or wrong (e.g. a LLaVA-1.5 conversion without one). Applied to every scoring and generation prompt.
   */
  chatTemplate?: string;
  /** Where images the engine re-encodes itself are cached (default: a folder in the OS temp dir). */
  imageCacheDir?: string;
}

export interface LoadedModel {
  modelPath: string;
  mmprojPath: string | null;
  vocabSize: number;
  /** Side of the square image the projector expects; images are prepared at this size. */
  imageSize: number | null;
  imageTokens: number | null;
  chatTemplate: string | null;
  backend: string;
  llamaCppBuild: string;
  loadMs: number;
}

export interface ScoreSuffix {
  id: string;
  text: string;
  /**
   * Option letters in presentation order: the consecutive single letters ['A', 'B', 'C', …]. Labels that
   * are not (e.g. 'AA', '1)', which tokenise to several tokens) are refused with `invalid_input`.
   */
  optionLabels: string[];
}

export interface ScoreBatchRequest {
  system?: string;
  /** User text shared by every suffix (persona, rules, image instruction): evaluated once, then reused. */
  prefixText: string;
  suffixes: ScoreSuffix[];
  /** Start of the assistant turn; the next token is read. */
  leadIn: string;
  /**
   * An image file. Best prepared by `prepareImage` (validated, re-encoded at the projector size); anything
   * else is validated and re-encoded by the engine before native code opens it (`bad_file` if unreadable).
   */
  imagePath?: string;
}

export interface ScoreResult {
  id: string;
  /** Renormalised over the options, presentation order; all zeros when the options got no mass. */
  probabilities: number[];
  /** Probability mass on the option letters before renormalising. */
  coverage: number;
  rawByLabel: number[];
  topTokens: { token: string; prob: number }[];
  promptTokens: number;
  cachedTokens: number;
  durationMs: number;
  formattedPrompt: string;
}

export interface ScoreBatchCounters {
  promptTokensEvaluated: number;
  cachedTokens: number;
  /** Requests whose image chunk had to be encoded (not served from the prefix cache). */
  imageEncodes: number;
  durationMs: number;
}

export interface SamplingSettings {
  temperature: number;
  topP: number;
  topK?: number;
  seed: number;
  maxTokens: number;
  stop?: string[];
}

export interface GenerateRequest {
  system?: string;
  user: string;
  imagePath?: string;
  /** Put the image after the text in the user turn (CROSS sends text first). */
  imageAfterText?: boolean;
  sampling: SamplingSettings;
}

export interface GenerateResult {
  text: string;
  promptTokens: number;
  completionTokens: number;
  durationMs: number;
  interrupted: boolean;
}

export interface EngineStatus {
  running: boolean;
  pid: number | null;
  loaded: LoadedModel | null;
  restarts: number;
}

/**
 * One backend-neutral engine. The full prompt of an item is the chat template applied to
 * [system?, user(image + prefixText + suffix text)] with the generation prompt, then the lead-in; items of
 * one `scoreBatch` share the prefix (image included), which is evaluated once and reused. Cancel a call by
 * aborting its signal: scoring then rejects with `cancelled`, generation resolves with `interrupted: true`.
 * Errors are `AppError`s; a crashed engine process gives `engine_crashed` and restarts on the next call.
 */
export interface InferenceEngine {
  load(spec: LoadSpec): Promise<LoadedModel>;
  unload(): Promise<void>;
  scoreBatch(
    request: ScoreBatchRequest,
    onResult: (result: ScoreResult) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<ScoreBatchCounters>;
  generate(
    request: GenerateRequest,
    onToken?: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult>;
  status(): Promise<EngineStatus>;
  close(): Promise<void>;
}
