import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

import { describe, expect, it } from 'vitest';

import layerTable from '../../src-main/layers.json';
import { REPO_ROOT } from '../helpers/repo';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface ImportRef {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(file, 'utf8');
  const refs: ImportRef[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3] ?? match[4] ?? match[5];
    if (specifier !== undefined) refs.push({ file, specifier, typeOnly: match[2] !== undefined });
  }
  return refs;
}

const MAIN = join(REPO_ROOT, 'src-main');
const RENDERER = join(REPO_ROOT, 'src-renderer', 'src');

/** The one layer table, also read by the ESLint rule (scripts/eslint-layers.mjs). */
const LAYERS: Record<string, string[]> = layerTable.layers;

function layerOf(path: string): string | undefined {
  const rel = relative(MAIN, path);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(sep);
  // Files at the top of src-main (layers.json) belong to no layer.
  return parts.length > 1 ? parts[0] : undefined;
}

describe('architecture', () => {
  const mainFiles = sourceFiles(MAIN);
  const rendererFiles = sourceFiles(RENDERER);

  it('has every src-main folder in the layer table', () => {
    const folders = readdirSync(MAIN).filter((name) => statSync(join(MAIN, name)).isDirectory());
    expect(folders.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it('imports only downward between src-main layers', () => {
    const violations: string[] = [];
    for (const ref of mainFiles.flatMap(importsOf)) {
      if (!ref.specifier.startsWith('.')) continue;
      const from = layerOf(ref.file);
      const to = layerOf(resolve(dirname(ref.file), ref.specifier));
      if (from === undefined || to === undefined || from === to) continue;
      if (!(LAYERS[from] ?? []).includes(to))
        violations.push(`${relative(REPO_ROOT, ref.file)} → ${ref.specifier}`);
    }
    expect(violations).toEqual([]);
  });

  it('keeps the domain and contract layers free of I/O', () => {
    const violations = mainFiles
      .filter((file) => layerOf(file) === 'domain' || layerOf(file) === 'contract')
      .flatMap(importsOf)
      .filter((ref) => !ref.specifier.startsWith('.') && ref.specifier !== 'zod')
      .map((ref) => `${relative(REPO_ROOT, ref.file)} → ${ref.specifier}`);
    expect(violations).toEqual([]);
  });

  it('lets the renderer reach the main side only through type imports of the API contract', () => {
    const violations = rendererFiles
      .flatMap(importsOf)
      .filter((ref) => {
        if (
          ['electron', 'fs', 'path', 'child_process'].includes(ref.specifier) ||
          ref.specifier.startsWith('node:')
        )
          return true;
        if (/^@contract(\/|$)/.test(ref.specifier)) return !ref.typeOnly;
        return ref.specifier.includes('src-main');
      })
      .map((ref) => `${relative(REPO_ROOT, ref.file)} → ${ref.specifier}`);
    expect(violations).toEqual([]);
  });

  it('uses raw ipcMain/ipcRenderer only in the one wiring module and the preload', () => {
    const allowed = new Set([join(MAIN, 'electron', 'ipc.ts'), join(MAIN, 'electron', 'preload.ts')]);
    const offenders = [...mainFiles, ...rendererFiles]
      .filter((file) => !allowed.has(file))
      .filter((file) =>
        /\bipc(Main|Renderer)\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')),
      )
      .map((file) => relative(REPO_ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('imports electron only inside src-main/electron, so every other entry runs under plain Node', () => {
    const offenders = mainFiles
      .filter((file) => layerOf(file) !== 'electron')
      .flatMap(importsOf)
      .filter((ref) => ref.specifier === 'electron' && !ref.typeOnly)
      .map((ref) => relative(REPO_ROOT, ref.file));
    expect(offenders).toEqual([]);
  });
});
