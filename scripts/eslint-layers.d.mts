import type { ESLint } from 'eslint';

/** The layer table of src-main/layers.json. */
export const LAYERS: Record<string, string[]>;
/** The local ESLint plugin with the `imports-downward` rule. */
export const layersPlugin: ESLint.Plugin & { rules: NonNullable<ESLint.Plugin['rules']> };
