import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

import { describe, expect, it } from 'vitest';

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

/** Same table as eslint.config.mjs: a second, independent guard of the layering. */
const LAYERS: Record<string, string[]> = {
  domain: [],
  platform: ['domain'],
  engine: ['domain', 'platform'],
  storage: ['domain', 'platform'],
  data: ['domain', 'platform', 'storage'],
  runner: ['domain', 'platform', 'engine', 'storage', 'data'],
  api: ['domain', 'platform', 'engine', 'storage', 'data', 'runner'],
  serve: ['api', 'platform', 'domain'],
  cli: ['api', 'platform', 'domain', 'serve'],
  electron: ['api', 'platform', 'domain', 'engine'],
  bench: ['domain', 'platform', 'engine', 'storage', 'data', 'runner', 'api'],
};

function layerOf(path: string): string | undefined {
  const rel = relative(MAIN, path);
  if (rel.startsWith('..')) return undefined;
  return rel.split(sep)[0];
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

  it('keeps the domain layer free of I/O', () => {
    const violations = mainFiles
      .filter((file) => layerOf(file) === 'domain')
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
        if (!ref.specifier.includes('src-main')) return false;
        return !ref.typeOnly || !/src-main\/api\/contract(\/|$)/.test(ref.specifier);
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
