/**
 * GGUF building blocks shared by the reader and the writer: value type ids, ggml tensor types and the
 * typed metadata representation. Both directions use the same representation, so a file written and
 * read back compares equal value by value.
 */

/** GGUF metadata value type ids (gguf.h). */
export const GgufType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufType = (typeof GgufType)[keyof typeof GgufType];

export type GgufNumberType =
  | typeof GgufType.UINT8
  | typeof GgufType.INT8
  | typeof GgufType.UINT16
  | typeof GgufType.INT16
  | typeof GgufType.UINT32
  | typeof GgufType.INT32
  | typeof GgufType.FLOAT32
  | typeof GgufType.FLOAT64;
export type GgufBigIntType = typeof GgufType.UINT64 | typeof GgufType.INT64;
export type GgufElementType = Exclude<GgufType, typeof GgufType.ARRAY>;

/** Bytes taken by one value of each fixed-size type; strings and arrays are variable. */
export const GGUF_FIXED_SIZE: Readonly<Record<number, number>> = {
  [GgufType.UINT8]: 1,
  [GgufType.INT8]: 1,
  [GgufType.UINT16]: 2,
  [GgufType.INT16]: 2,
  [GgufType.UINT32]: 4,
  [GgufType.INT32]: 4,
  [GgufType.FLOAT32]: 4,
  [GgufType.BOOL]: 1,
  [GgufType.UINT64]: 8,
  [GgufType.INT64]: 8,
  [GgufType.FLOAT64]: 8,
};

export const GGUF_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'UINT8',
  1: 'INT8',
  2: 'UINT16',
  3: 'INT16',
  4: 'UINT32',
  5: 'INT32',
  6: 'FLOAT32',
  7: 'BOOL',
  8: 'STRING',
  9: 'ARRAY',
  10: 'UINT64',
  11: 'INT64',
  12: 'FLOAT64',
};

/**
 * The elements of an array value. Numeric arrays come back from the reader as typed arrays (a 150k-entry
 * score list is one copy, not 150k boxed numbers); the writer accepts any array-like of the right kind.
 */
export type GgufArrayValues = ArrayLike<number> | ArrayLike<bigint> | readonly boolean[] | readonly string[];

export interface GgufArray {
  type: typeof GgufType.ARRAY;
  elementType: GgufElementType;
  length: number;
  /** Absent when the reader skipped a long array (see `GgufReadOptions.maxArrayElements`). */
  values?: GgufArrayValues;
}

/** One typed metadata value. The type is always explicit: llama.cpp checks key types. */
export type GgufValue =
  | { type: GgufNumberType; value: number }
  | { type: GgufBigIntType; value: bigint }
  | { type: typeof GgufType.BOOL; value: boolean }
  | { type: typeof GgufType.STRING; value: string }
  | GgufArray;

/** Metadata in file order. A Map, so hostile keys such as `__proto__` are plain data. */
export type GgufMetadata = Map<string, GgufValue>;

/** Constructors for typed values, so call sites read `gv.u32(4096)` and cannot forget the type. */
export const gv = {
  u8: (value: number): GgufValue => ({ type: GgufType.UINT8, value }),
  i8: (value: number): GgufValue => ({ type: GgufType.INT8, value }),
  u16: (value: number): GgufValue => ({ type: GgufType.UINT16, value }),
  i16: (value: number): GgufValue => ({ type: GgufType.INT16, value }),
  u32: (value: number): GgufValue => ({ type: GgufType.UINT32, value }),
  i32: (value: number): GgufValue => ({ type: GgufType.INT32, value }),
  f32: (value: number): GgufValue => ({ type: GgufType.FLOAT32, value }),
  f64: (value: number): GgufValue => ({ type: GgufType.FLOAT64, value }),
  u64: (value: bigint): GgufValue => ({ type: GgufType.UINT64, value }),
  i64: (value: bigint): GgufValue => ({ type: GgufType.INT64, value }),
  bool: (value: boolean): GgufValue => ({ type: GgufType.BOOL, value }),
  string: (value: string): GgufValue => ({ type: GgufType.STRING, value }),
  array: (elementType: GgufElementType, values: GgufArrayValues): GgufValue => ({
    type: GgufType.ARRAY,
    elementType,
    length: values.length,
    values,
  }),
};

/** ggml tensor type ids (ggml.h). Ids 4, 5, 31–33 and 36–38 were removed upstream and stay unused. */
export const GgmlType = {
  F32: 0,
  F16: 1,
  Q4_0: 2,
  Q4_1: 3,
  Q5_0: 6,
  Q5_1: 7,
  Q8_0: 8,
  Q8_1: 9,
  Q2_K: 10,
  Q3_K: 11,
  Q4_K: 12,
  Q5_K: 13,
  Q6_K: 14,
  Q8_K: 15,
  IQ2_XXS: 16,
  IQ2_XS: 17,
  IQ3_XXS: 18,
  IQ1_S: 19,
  IQ4_NL: 20,
  IQ3_S: 21,
  IQ2_S: 22,
  IQ4_XS: 23,
  I8: 24,
  I16: 25,
  I32: 26,
  I64: 27,
  F64: 28,
  IQ1_M: 29,
  BF16: 30,
  TQ1_0: 34,
  TQ2_0: 35,
  MXFP4: 39,
} as const;
export type GgmlType = (typeof GgmlType)[keyof typeof GgmlType];

export interface GgmlTypeInfo {
  name: string;
  /** Elements per block; quantised rows must be a multiple of it. */
  blockSize: number;
  /** Bytes per block. */
  typeSize: number;
}

/** Block layout of every ggml type (ggml.c `type_traits`), enough to size tensors without reading them. */
export const GGML_TYPE_INFO: ReadonlyMap<number, GgmlTypeInfo> = new Map<number, GgmlTypeInfo>([
  [GgmlType.F32, { name: 'F32', blockSize: 1, typeSize: 4 }],
  [GgmlType.F16, { name: 'F16', blockSize: 1, typeSize: 2 }],
  [GgmlType.Q4_0, { name: 'Q4_0', blockSize: 32, typeSize: 18 }],
  [GgmlType.Q4_1, { name: 'Q4_1', blockSize: 32, typeSize: 20 }],
  [GgmlType.Q5_0, { name: 'Q5_0', blockSize: 32, typeSize: 22 }],
  [GgmlType.Q5_1, { name: 'Q5_1', blockSize: 32, typeSize: 24 }],
  [GgmlType.Q8_0, { name: 'Q8_0', blockSize: 32, typeSize: 34 }],
  [GgmlType.Q8_1, { name: 'Q8_1', blockSize: 32, typeSize: 36 }],
  [GgmlType.Q2_K, { name: 'Q2_K', blockSize: 256, typeSize: 84 }],
  [GgmlType.Q3_K, { name: 'Q3_K', blockSize: 256, typeSize: 110 }],
  [GgmlType.Q4_K, { name: 'Q4_K', blockSize: 256, typeSize: 144 }],
  [GgmlType.Q5_K, { name: 'Q5_K', blockSize: 256, typeSize: 176 }],
  [GgmlType.Q6_K, { name: 'Q6_K', blockSize: 256, typeSize: 210 }],
  [GgmlType.Q8_K, { name: 'Q8_K', blockSize: 256, typeSize: 292 }],
  [GgmlType.IQ2_XXS, { name: 'IQ2_XXS', blockSize: 256, typeSize: 66 }],
  [GgmlType.IQ2_XS, { name: 'IQ2_XS', blockSize: 256, typeSize: 74 }],
  [GgmlType.IQ3_XXS, { name: 'IQ3_XXS', blockSize: 256, typeSize: 98 }],
  [GgmlType.IQ1_S, { name: 'IQ1_S', blockSize: 256, typeSize: 50 }],
  [GgmlType.IQ4_NL, { name: 'IQ4_NL', blockSize: 32, typeSize: 18 }],
  [GgmlType.IQ3_S, { name: 'IQ3_S', blockSize: 256, typeSize: 110 }],
  [GgmlType.IQ2_S, { name: 'IQ2_S', blockSize: 256, typeSize: 82 }],
  [GgmlType.IQ4_XS, { name: 'IQ4_XS', blockSize: 256, typeSize: 136 }],
  [GgmlType.I8, { name: 'I8', blockSize: 1, typeSize: 1 }],
  [GgmlType.I16, { name: 'I16', blockSize: 1, typeSize: 2 }],
  [GgmlType.I32, { name: 'I32', blockSize: 1, typeSize: 4 }],
  [GgmlType.I64, { name: 'I64', blockSize: 1, typeSize: 8 }],
  [GgmlType.F64, { name: 'F64', blockSize: 1, typeSize: 8 }],
  [GgmlType.IQ1_M, { name: 'IQ1_M', blockSize: 256, typeSize: 56 }],
  [GgmlType.BF16, { name: 'BF16', blockSize: 1, typeSize: 2 }],
  [GgmlType.TQ1_0, { name: 'TQ1_0', blockSize: 256, typeSize: 54 }],
  [GgmlType.TQ2_0, { name: 'TQ2_0', blockSize: 256, typeSize: 66 }],
  [GgmlType.MXFP4, { name: 'MXFP4', blockSize: 32, typeSize: 17 }],
]);

export function ggmlTypeName(type: number): string {
  return GGML_TYPE_INFO.get(type)?.name ?? `type ${type}`;
}

/** ggml's limit on dimensions (GGML_MAX_DIMS). */
export const GGML_MAX_DIMS = 4;
/** ggml's tensor name buffer (GGML_MAX_NAME), including the terminator. */
export const GGML_MAX_NAME = 64;
export const GGUF_MAGIC = 'GGUF';
export const GGUF_DEFAULT_ALIGNMENT = 32;

export function alignUp(value: number, alignment: number): number {
  const rest = value % alignment;
  return rest === 0 ? value : value + alignment - rest;
}
