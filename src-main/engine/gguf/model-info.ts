import type { GgufHeader, GgufReadOptions, GgufTensorInfo } from './reader';
import { readGgufHeader } from './reader';
import { metaArrayLength, metaBool, metaNumber, metaNumberArray, metaString } from './metadata';

/** Names of llama.cpp's `llama_ftype` values (`general.file_type`), as users know them. */
const FILE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};
/** llama.cpp marks file types it guessed with this bit. */
const FILE_TYPE_GUESSED = 1024;

/**
 * Projectors whose token count is fixed at (image_size / patch_size)²: the image is resized to one tile
 * and every patch becomes one token. Others pool, merge or tile, so their count is not derived here.
 */
const FIXED_GRID_PROJECTORS: ReadonlySet<string> = new Set(['mlp', 'mlp_norm']);

interface CommonInfo {
  file: string;
  fileSizeBytes: number;
  /** Bytes of tensor data (what the weights occupy once loaded), for memory estimates. */
  tensorDataBytes: number;
  ggufVersion: number;
  tensorCount: number;
  architecture: string | undefined;
  name: string | undefined;
  /** Sum of all tensors' element counts. */
  parameterCount: number;
  /** e.g. Q4_K_M, Q8_0, F16: from `general.file_type`, else the dominant tensor type. */
  quantization: string | undefined;
  fileType: number | undefined;
  /** The type holding the most elements among matrices (tensors with two or more dimensions). */
  dominantTensorType: string | undefined;
}

export interface TextModelInfo extends CommonInfo {
  role: 'text';
  contextLength: number | undefined;
  embeddingLength: number | undefined;
  blockCount: number | undefined;
  headCount: number | undefined;
  feedForwardLength: number | undefined;
  /** `<arch>.vocab_size`, else the token list's length, else the embedding matrix's row count. */
  vocabSize: number | undefined;
  tokenizerModel: string | undefined;
  chatTemplate: string | undefined;
  bosTokenId: number | undefined;
  eosTokenId: number | undefined;
  /** `undefined` when the file does not say: llama.cpp then uses its tokenizer's default. */
  addBosToken: boolean | undefined;
}

export interface MmprojInfo extends CommonInfo {
  role: 'mmproj';
  hasVisionEncoder: boolean;
  /** `clip.projector_type` or `clip.vision.projector_type`; clip.cpp assumes `mlp` when both are absent. */
  projectorType: string;
  imageSize: number | undefined;
  patchSize: number | undefined;
  /** Tokens per image for fixed-grid projectors ((image/patch)²); `undefined` where it depends on the image. */
  imageTokens: number | undefined;
  /** Width of the projector output, which must equal the text model's embedding length. */
  outputSize: number | undefined;
  /**
   * Where `outputSize` came from: `projector-weight` is the last numbered `mm.N.weight` matrix's `ne[1]`
   * (`mm.2.weight` for `mlp`, exactly what clip.cpp checks); `projection-dim` is the declared
   * `clip.vision.projection_dim`, a fallback for projector layouts without numbered layers.
   */
  outputSizeSource: 'projector-weight' | 'projection-dim' | 'unknown';
  visionEmbeddingLength: number | undefined;
  visionBlockCount: number | undefined;
  imageMean: number[] | undefined;
  imageStd: number[] | undefined;
}

export type GgufModelInfo = TextModelInfo | MmprojInfo;

function dominantType(tensors: readonly GgufTensorInfo[]): string | undefined {
  const elementsByType = new Map<string, number>();
  for (const tensor of tensors) {
    if (tensor.shape.length < 2) continue;
    elementsByType.set(tensor.typeName, (elementsByType.get(tensor.typeName) ?? 0) + tensor.elementCount);
  }
  let best: string | undefined;
  let bestCount = -1;
  for (const [type, count] of elementsByType) {
    if (count > bestCount) [best, bestCount] = [type, count];
  }
  return best;
}

function projectorOutput(header: GgufHeader): Pick<MmprojInfo, 'outputSize' | 'outputSizeSource'> {
  let lastIndex = -1;
  let outputSize: number | undefined;
  for (const tensor of header.tensors) {
    const match = /^mm\.(\d+)\.weight$/.exec(tensor.name);
    if (!match || tensor.shape.length !== 2) continue;
    const index = Number(match[1]);
    if (index > lastIndex) [lastIndex, outputSize] = [index, tensor.shape[1]];
  }
  if (outputSize !== undefined) return { outputSize, outputSizeSource: 'projector-weight' };
  const declared = metaNumber(header.metadata, 'clip.vision.projection_dim');
  if (declared !== undefined) return { outputSize: declared, outputSizeSource: 'projection-dim' };
  return { outputSize: undefined, outputSizeSource: 'unknown' };
}

/** Summarises a parsed header: what kind of file it is and the numbers the app shows and checks. */
export function summarizeGguf(header: GgufHeader): GgufModelInfo {
  const meta = header.metadata;
  const architecture = metaString(meta, 'general.architecture');
  const rawFileType = metaNumber(meta, 'general.file_type');
  const fileType = rawFileType === undefined ? undefined : rawFileType & ~FILE_TYPE_GUESSED;
  const dominantTensorType = dominantType(header.tensors);
  const common: CommonInfo = {
    file: header.file,
    fileSizeBytes: header.fileSize,
    tensorDataBytes: header.tensorDataBytes,
    ggufVersion: header.version,
    tensorCount: header.tensors.length,
    architecture,
    name: metaString(meta, 'general.name'),
    parameterCount: header.tensors.reduce((sum, tensor) => sum + tensor.elementCount, 0),
    quantization: (fileType !== undefined ? FILE_TYPE_NAMES[fileType] : undefined) ?? dominantTensorType,
    fileType,
    dominantTensorType,
  };
  const isMmproj = architecture === 'clip' || [...meta.keys()].some((key) => key.startsWith('clip.'));
  if (isMmproj) {
    const projectorType =
      metaString(meta, 'clip.projector_type') ?? metaString(meta, 'clip.vision.projector_type') ?? 'mlp';
    const imageSize = metaNumber(meta, 'clip.vision.image_size');
    const patchSize = metaNumber(meta, 'clip.vision.patch_size');
    const anyResolution = meta.has('clip.vision.image_grid_pinpoints');
    const fixedGrid = FIXED_GRID_PROJECTORS.has(projectorType) && !anyResolution;
    const imageTokens =
      fixedGrid && imageSize && patchSize && imageSize % patchSize === 0
        ? (imageSize / patchSize) ** 2
        : undefined;
    return {
      ...common,
      role: 'mmproj',
      hasVisionEncoder: metaBool(meta, 'clip.has_vision_encoder') ?? false,
      projectorType,
      imageSize,
      patchSize,
      imageTokens,
      ...projectorOutput(header),
      visionEmbeddingLength: metaNumber(meta, 'clip.vision.embedding_length'),
      visionBlockCount: metaNumber(meta, 'clip.vision.block_count'),
      imageMean: metaNumberArray(meta, 'clip.vision.image_mean'),
      imageStd: metaNumberArray(meta, 'clip.vision.image_std'),
    };
  }
  const arch = architecture ?? '';
  const tokenEmbedding = header.tensors.find((tensor) => tensor.name === 'token_embd.weight');
  return {
    ...common,
    role: 'text',
    contextLength: metaNumber(meta, `${arch}.context_length`),
    embeddingLength: metaNumber(meta, `${arch}.embedding_length`),
    blockCount: metaNumber(meta, `${arch}.block_count`),
    headCount: metaNumber(meta, `${arch}.attention.head_count`),
    feedForwardLength: metaNumber(meta, `${arch}.feed_forward_length`),
    vocabSize:
      metaNumber(meta, `${arch}.vocab_size`) ??
      metaArrayLength(meta, 'tokenizer.ggml.tokens') ??
      tokenEmbedding?.shape[1],
    tokenizerModel: metaString(meta, 'tokenizer.ggml.model'),
    chatTemplate: metaString(meta, 'tokenizer.chat_template'),
    bosTokenId: metaNumber(meta, 'tokenizer.ggml.bos_token_id'),
    eosTokenId: metaNumber(meta, 'tokenizer.ggml.eos_token_id'),
    addBosToken: metaBool(meta, 'tokenizer.ggml.add_bos_token'),
  };
}

/** Reads a GGUF header (skipping vocabularies) and summarises it. */
export async function readGgufModelInfo(file: string, options: GgufReadOptions = {}): Promise<GgufModelInfo> {
  return summarizeGguf(await readGgufHeader(file, options));
}
