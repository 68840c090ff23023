// @ts-check
// A local ESLint rule that checks the layering of src-main on *resolved* paths: an import's layer is the
// first folder under src-main of the file it points to, so `domain/data/…` is the domain layer, never the
// data layer (a glob on the specifier text cannot tell them apart). The table lives in src-main/layers.json.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const MAIN = join(ROOT, 'src-main');
/** @type {{ layers: Record<string, string[]> }} */
const TABLE = JSON.parse(readFileSync(join(MAIN, 'layers.json'), 'utf8'));
export const LAYERS = TABLE.layers;

/** @param {string} path */
function layerOf(path) {
  const rel = relative(MAIN, path);
  if (rel.startsWith('..') || rel === '') return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const importsDownward = {
  meta: {
    type: 'problem',
    docs: { description: 'src-main layers import only the layers below them (src-main/layers.json)' },
    schema: [],
  },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined) return {};
    const allowed = LAYERS[from];
    /** @param {import('estree').Node & { source?: import('estree').Node | null }} node */
    const check = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const to = layerOf(resolve(dirname(context.filename), source.value));
      if (to === undefined || to === from) return;
      if (allowed === undefined)
        context.report({ node, message: `Folder 'src-main/${from}' is not in src-main/layers.json.` });
      else if (!allowed.includes(to))
        context.report({
          node,
          message: `Layer '${from}' may not import '${to}'. Allowed: ${allowed.join(', ') || 'nothing'} (src-main/layers.json).`,
        });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const layersPlugin = { rules: { 'imports-downward': importsDownward } };
