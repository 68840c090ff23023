/**
 * The LLaVA-1.5 layout shared by the tiny and the 7B-shaped test models (TINY-MODEL.md §3–§4): metadata and
 * tensor lists with an initialisation rule per tensor. Builders decide how to turn the rules into bytes.
 */
import type { GgufMetadata, GgufValue } from '../gguf/types';
import { GgmlType, gv, GgufType } from '../gguf/types';
import type { GgufTensorSpec } from '../gguf/writer';
import type { SpmVocabulary } from './vocabulary';

export const VICUNA_CHAT_TEMPLATE =
  "{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] }}\n\n" +
  "{% elif message['role'] == 'user' %}USER: {{ message['content'] }}\n" +
  "{% elif message['role'] == 'assistant' %}ASSISTANT: {{ message['content'] }}</s>\n" +
  '{% endif %}{% endfor %}{% if add_generation_prompt %}ASSISTANT:{% endif %}';

export const CLIP_IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073];
export const CLIP_IMAGE_STD = [0.26862954, 0.26130258, 0.27577711];

export type TensorInit = { kind: 'constant'; value: number } | { kind: 'gaussian'; std: number };

export interface TensorRecipe extends GgufTensorSpec {
  init: TensorInit;
}

export interface ModelRecipe {
  metadata: GgufMetadata;
  tensors: TensorRecipe[];
}

export interface LlavaTextShape {
  nEmbd: number;
  nLayer: number;
  nHead: number;
  nHeadKv: number;
  nFf: number;
  contextLength: number;
  /** Written only when set (the 7B-shaped model keeps llama.cpp's default). */
  ropeFreqBase?: number;
  /** Written only when set (the 7B-shaped model leaves it out, as the spec does). */
  addEosToken?: boolean;
}

export interface LlavaVisionShape {
  imageSize: number;
  patchSize: number;
  nEmbd: number;
  nFf: number;
  nLayer: number;
  nHead: number;
  projectionDim: number;
  /** Hidden width of the `mlp` projector (the text n_embd in LLaVA-1.5). */
  projectorHidden: number;
  /** Output width of `mm.2`; must equal the text model's n_embd. */
  outputSize: number;
}

export interface RecipeLabels {
  name: string;
  description: string;
  fileType: number;
}

const ONES: TensorInit = { kind: 'constant', value: 1 };
const ZEROS: TensorInit = { kind: 'constant', value: 0 };
const gaussian = (std: number): TensorInit => ({ kind: 'gaussian', std });
/** N(0, 1/fan_in): keeps activations at unit scale through random layers. */
const fanIn = (n: number): TensorInit => gaussian(1 / Math.sqrt(n));

export function textModelRecipe(
  shape: LlavaTextShape,
  vocabulary: SpmVocabulary,
  matrixType: number,
  labels: RecipeLabels,
): ModelRecipe {
  const { nEmbd, nLayer, nHead, nHeadKv, nFf } = shape;
  const headDim = nEmbd / nHead;
  const vocabSize = vocabulary.tokens.length;
  const metadata: GgufMetadata = new Map([
    ['general.architecture', gv.string('llama')],
    ['general.name', gv.string(labels.name)],
    ['general.description', gv.string(labels.description)],
    ['general.file_type', gv.u32(labels.fileType)],
    ['llama.context_length', gv.u32(shape.contextLength)],
    ['llama.embedding_length', gv.u32(nEmbd)],
    ['llama.block_count', gv.u32(nLayer)],
    ['llama.feed_forward_length', gv.u32(nFf)],
    ['llama.attention.head_count', gv.u32(nHead)],
    ['llama.attention.head_count_kv', gv.u32(nHeadKv)],
    ['llama.attention.layer_norm_rms_epsilon', gv.f32(1e-5)],
    ['llama.rope.dimension_count', gv.u32(headDim)],
  ]);
  if (shape.ropeFreqBase !== undefined) metadata.set('llama.rope.freq_base', gv.f32(shape.ropeFreqBase));
  metadata.set('llama.vocab_size', gv.u32(vocabSize));
  metadata.set('tokenizer.ggml.model', gv.string('llama'));
  metadata.set('tokenizer.ggml.tokens', gv.array(GgufType.STRING, vocabulary.tokens));
  metadata.set('tokenizer.ggml.scores', gv.array(GgufType.FLOAT32, vocabulary.scores));
  metadata.set('tokenizer.ggml.token_type', gv.array(GgufType.INT32, vocabulary.tokenTypes));
  metadata.set('tokenizer.ggml.bos_token_id', gv.u32(1));
  metadata.set('tokenizer.ggml.eos_token_id', gv.u32(2));
  metadata.set('tokenizer.ggml.unknown_token_id', gv.u32(0));
  metadata.set('tokenizer.ggml.padding_token_id', gv.u32(0));
  metadata.set('tokenizer.ggml.add_bos_token', gv.bool(true));
  if (shape.addEosToken !== undefined)
    metadata.set('tokenizer.ggml.add_eos_token', gv.bool(shape.addEosToken));
  metadata.set('tokenizer.chat_template', gv.string(VICUNA_CHAT_TEMPLATE));

  const norm = (name: string): TensorRecipe => ({ name, shape: [nEmbd], type: GgmlType.F32, init: ONES });
  const matrix = (name: string, rows: number, cols: number, init = fanIn(rows)): TensorRecipe => ({
    name,
    shape: [rows, cols],
    type: matrixType,
    init,
  });
  const tensors: TensorRecipe[] = [
    matrix('token_embd.weight', nEmbd, vocabSize, gaussian(1)),
    norm('output_norm.weight'),
    // A wide output projection sharpens the next-token distribution, so images visibly change it.
    matrix('output.weight', nEmbd, vocabSize, gaussian(3 / Math.sqrt(nEmbd))),
  ];
  for (let i = 0; i < nLayer; i++) {
    tensors.push(
      norm(`blk.${i}.attn_norm.weight`),
      matrix(`blk.${i}.attn_q.weight`, nEmbd, nEmbd),
      matrix(`blk.${i}.attn_k.weight`, nEmbd, nHeadKv * headDim),
      matrix(`blk.${i}.attn_v.weight`, nEmbd, nHeadKv * headDim),
      matrix(`blk.${i}.attn_output.weight`, nEmbd, nEmbd),
      norm(`blk.${i}.ffn_norm.weight`),
      matrix(`blk.${i}.ffn_gate.weight`, nEmbd, nFf),
      matrix(`blk.${i}.ffn_up.weight`, nEmbd, nFf),
      matrix(`blk.${i}.ffn_down.weight`, nFf, nEmbd),
    );
  }
  return { metadata, tensors };
}

export interface MmprojRecipeOptions {
  /** Leave out `clip.has_vision_encoder` (a broken variant for negative tests). */
  omitVisionEncoderFlag?: boolean;
}

/**
 * CLIP ViT + LLaVA-1.5 `mlp` projector. Deliberately absent: `v.post_ln` (LLaVA drops it), `mm.3`
 * (it would switch the projector to `mlp_norm`) and image_grid_pinpoints (fixed-size preprocessing).
 */
export function mmprojRecipe(
  shape: LlavaVisionShape,
  matrixType: number,
  labels: RecipeLabels,
  options: MmprojRecipeOptions = {},
): ModelRecipe {
  const { imageSize, patchSize: p, nEmbd: e, nFf: f, projectorHidden: h } = shape;
  const patches = (imageSize / p) ** 2;
  const metadata: GgufMetadata = new Map([
    ['general.architecture', gv.string('clip')],
    ['general.name', gv.string(labels.name)],
    ['general.description', gv.string(labels.description)],
    ['general.file_type', gv.u32(labels.fileType)],
  ]);
  if (!options.omitVisionEncoderFlag) metadata.set('clip.has_vision_encoder', gv.bool(true));
  const entries: Array<[string, GgufValue]> = [
    ['clip.has_text_encoder', gv.bool(false)],
    ['clip.projector_type', gv.string('mlp')],
    // false selects quick_gelu, as in CLIP ViT-L.
    ['clip.use_gelu', gv.bool(false)],
    ['clip.vision.image_size', gv.u32(imageSize)],
    ['clip.vision.patch_size', gv.u32(p)],
    ['clip.vision.embedding_length', gv.u32(e)],
    ['clip.vision.feed_forward_length', gv.u32(f)],
    ['clip.vision.projection_dim', gv.u32(shape.projectionDim)],
    ['clip.vision.block_count', gv.u32(shape.nLayer)],
    ['clip.vision.attention.head_count', gv.u32(shape.nHead)],
    ['clip.vision.attention.layer_norm_epsilon', gv.f32(1e-5)],
    ['clip.vision.image_mean', gv.array(GgufType.FLOAT32, CLIP_IMAGE_MEAN)],
    ['clip.vision.image_std', gv.array(GgufType.FLOAT32, CLIP_IMAGE_STD)],
  ];
  for (const [key, value] of entries) metadata.set(key, value);

  const vector = (name: string, n: number, init: TensorInit): TensorRecipe => ({
    name,
    shape: [n],
    type: GgmlType.F32,
    init,
  });
  const matrix = (name: string, rows: number, cols: number, init = fanIn(rows)): TensorRecipe => ({
    name,
    shape: [rows, cols],
    type: matrixType,
    init,
  });
  const tensors: TensorRecipe[] = [
    { name: 'v.patch_embd.weight', shape: [p, p, 3, e], type: matrixType, init: fanIn(p * p * 3) },
    vector('v.class_embd', e, fanIn(e)),
    matrix('v.position_embd.weight', e, patches + 1, fanIn(e)),
    vector('v.pre_ln.weight', e, ONES),
    vector('v.pre_ln.bias', e, ZEROS),
  ];
  for (let i = 0; i < shape.nLayer; i++) {
    const prefix = `v.blk.${i}`;
    for (const part of ['attn_q', 'attn_k', 'attn_v', 'attn_out']) {
      tensors.push(matrix(`${prefix}.${part}.weight`, e, e), vector(`${prefix}.${part}.bias`, e, ZEROS));
    }
    tensors.push(
      vector(`${prefix}.ln1.weight`, e, ONES),
      vector(`${prefix}.ln1.bias`, e, ZEROS),
      // up and down must differ in shape (F ≠ E), or clip.cpp takes them for a legacy export and swaps them.
      matrix(`${prefix}.ffn_up.weight`, e, f),
      vector(`${prefix}.ffn_up.bias`, f, ZEROS),
      matrix(`${prefix}.ffn_down.weight`, f, e),
      vector(`${prefix}.ffn_down.bias`, e, ZEROS),
      vector(`${prefix}.ln2.weight`, e, ONES),
      vector(`${prefix}.ln2.bias`, e, ZEROS),
    );
  }
  tensors.push(
    matrix('mm.0.weight', e, h),
    vector('mm.0.bias', h, ZEROS),
    matrix('mm.2.weight', h, shape.outputSize),
    vector('mm.2.bias', shape.outputSize, ZEROS),
  );
  return { metadata, tensors };
}
