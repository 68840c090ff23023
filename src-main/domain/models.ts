/** A text model paired with its projector, as the registry finds it on disk. */
export interface ModelEntry {
  /** Stable id: the text model's file name without `.gguf`. */
  id: string;
  name: string;
  modelPath: string;
  mmprojPath: string | null;
  architecture: string;
  parameters: number;
  quantisation: string;
  contextLength: number | null;
  sizeBytes: number;
  projector: { type: string; imageSize: number | null; imageTokens: number | null } | null;
  /** A generated random-weight pair: the pipeline is real, its scores mean nothing. */
  demo: boolean;
  fit: { ok: boolean; reasons: string[]; estimatedBytes: number; freeBytes: number };
}
