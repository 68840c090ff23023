import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { randomInt, type Random } from '../../../src-main/domain/stats/prng';
import { caseCount } from './fuzz-kit';

/*
 * Hostile inputs for the importer fuzz suites: seeded byte and structure mutations of valid files, whole
 * files built to break parsers (deep nesting, NULs, invalid UTF-8, huge lines), and paths that are not
 * plain files (folders, FIFOs, link loops, devices, `..`).
 */

function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)]!;
}

/** Byte snippets that break parsers: quotes, separators, NUL, invalid UTF-8, numbers out of range. */
const HOSTILE_SNIPPETS: readonly Buffer[] = [
  '"',
  "'",
  ',',
  '\n',
  '\r',
  '\t',
  '\\',
  '[',
  ']',
  '{',
  '}',
  ':',
  '\u0000',
  '\uFEFF',
  '1e400',
  '-1',
  '-0',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '4294967296',
  'null',
  'true',
  '""',
  '\u202E',
  'é',
  '..',
  '/',
  '%',
  '&#x110000;',
  '&#99999999;',
  '<',
  '>',
].map((text) => Buffer.from(text, 'utf8'));
const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xc3]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xc0, 0xaf]),
];

/** A few random edits of a valid file: flips, hostile insertions, deletions, repeats and truncation. */
export function mutateBytes(seed: Buffer, random: Random): Buffer {
  let bytes = Buffer.from(seed);
  const edits = 1 + randomInt(random, 5);
  for (let edit = 0; edit < edits; edit++) {
    const at = randomInt(random, Math.max(1, bytes.length));
    switch (randomInt(random, 7)) {
      case 0:
        if (bytes.length > 0) bytes[at] = randomInt(random, 256);
        break;
      case 1:
        bytes = Buffer.concat([bytes.subarray(0, at), pick(random, HOSTILE_SNIPPETS), bytes.subarray(at)]);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at), pick(random, INVALID_UTF8), bytes.subarray(at)]);
        break;
      case 3:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + randomInt(random, 40))]);
        break;
      case 4: {
        // Repeat a stretch: duplicated rows, doubled keys, runs of separators.
        const end = Math.min(bytes.length, at + 1 + randomInt(random, 200));
        const stretch = bytes.subarray(at, end);
        const times = 1 + randomInt(random, 20);
        bytes = Buffer.concat([
          bytes.subarray(0, end),
          ...Array<Buffer>(times).fill(stretch),
          bytes.subarray(end),
        ]);
        break;
      }
      case 5:
        bytes = bytes.subarray(0, at);
        break;
      default: {
        // A number swapped for one far out of range.
        const text = bytes.toString('latin1');
        const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
        if (numbers.length === 0) break;
        const match = pick(random, numbers);
        const replacement = pick(random, [
          '1e308',
          '-1e308',
          '1e-320',
          '-7',
          '4294967295',
          '0',
          '1.5',
          'NaN',
        ]);
        bytes = Buffer.concat([
          bytes.subarray(0, match.index),
          Buffer.from(replacement),
          bytes.subarray(match.index + match[0].length),
        ]);
      }
    }
  }
  return bytes;
}

/** A JSON value with one node replaced by a value of another type (or a deep or odd one). */
export function mutateJson(value: unknown, random: Random): unknown {
  const replacements: (() => unknown)[] = [
    () => null,
    () => 0,
    () => -1,
    () => 1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => '',
    () => 'x'.repeat(100_000),
    () => 'a\u0000b',
    () => true,
    () => [],
    () => ({}),
    () => [[[[[[[[[[1]]]]]]]]]],
    () => ({ __proto__: { polluted: true }, constructor: 'x', toString: 1 }),
    () => Array.from({ length: 2000 }, (_, index) => index),
  ];
  const replace = () => pick(random, replacements)();
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 0 && randomInt(random, 4) === 0) return replace();
    if (Array.isArray(node)) {
      if (node.length === 0) return replace();
      const copy: unknown[] = [...(node as unknown[])];
      const at = randomInt(random, copy.length);
      copy[at] = walk(copy[at], depth + 1);
      return copy;
    }
    if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      if (keys.length === 0) return replace();
      const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
      const key = pick(random, keys);
      if (randomInt(random, 5) === 0) delete copy[key];
      else copy[key] = walk(copy[key], depth + 1);
      return copy;
    }
    return replace();
  };
  return walk(value, 0);
}

/** Whole-file hostile contents every text importer must refuse or read (not hang on, not crash on). */
export function hostileContents(): { name: string; bytes: Buffer }[] {
  const deep = 100_000;
  // CSV parsing takes about a second per MiB of one unbroken field, so the stress run makes the line longer.
  const long = Math.min(8192, caseCount(256));
  return [
    { name: 'empty', bytes: Buffer.alloc(0) },
    { name: 'bom only', bytes: Buffer.from('\uFEFF') },
    { name: 'NUL bytes', bytes: Buffer.alloc(4096) },
    {
      name: 'invalid UTF-8',
      bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
    },
    { name: '100k nested arrays', bytes: Buffer.from(`${'['.repeat(deep)}${']'.repeat(deep)}`) },
    { name: '100k nested arrays, unclosed', bytes: Buffer.from('['.repeat(deep)) },
    { name: '100k nested objects', bytes: Buffer.from(`${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`) },
    { name: '100k nested Python lists', bytes: Buffer.from(`"${'['.repeat(deep)}${']'.repeat(deep)}"`) },
    { name: `one ${long} KiB line`, bytes: Buffer.alloc(long * 1024, 'a') },
    { name: `one ${long} KiB quoted cell`, bytes: Buffer.from(`"${'x'.repeat(long * 1024)}`) },
    { name: '50k columns', bytes: Buffer.from(`${','.repeat(50_000)}\n${','.repeat(50_000)}\n`) },
    { name: 'unterminated quote', bytes: Buffer.from('a,b\n"unterminated,1\n') },
    { name: 'CR only line ends', bytes: Buffer.from('a,b\rc,d\re,f\r') },
    { name: 'JSON null', bytes: Buffer.from('null') },
    { name: 'JSON number', bytes: Buffer.from('1e999') },
    { name: 'JSON string', bytes: Buffer.from('"just a string"') },
    { name: 'JSON lines of null', bytes: Buffer.from('null\nnull\n[]\n5\n"x"\n') },
    {
      name: 'proto keys',
      bytes: Buffer.from('{"__proto__": {"polluted": 1}, "constructor": {"prototype": 1}}'),
    },
  ];
}

export interface HostilePath {
  name: string;
  path: string;
}

/**
 * Paths that are not plain files: a folder, a FIFO (opening one blocks forever), a dangling link, a link
 * loop, a link to a device, and names with `..` in them. Created under `dir`; `valid` is a good file that
 * the `..` path and a link reach legitimately (both may be read like the file itself).
 */
export async function hostilePaths(dir: string, valid: string, extension: string): Promise<HostilePath[]> {
  const at = (name: string) => join(dir, `${name}${extension}`);
  await mkdir(at('a-folder'), { recursive: true });
  const fifo = at('a-fifo');
  const madeFifo = spawnSync('mkfifo', [fifo]).status === 0;
  await symlink(join(dir, 'nowhere'), at('dangling'));
  await symlink(at('loop-b'), at('loop-a'));
  await symlink(at('loop-a'), at('loop-b'));
  await symlink('/dev/zero', at('device'));
  await symlink(valid, at('link-to-valid'));
  await mkdir(join(dir, 'sub'), { recursive: true });
  await writeFile(join(dir, 'sub', 'placeholder'), '');
  const relativeName = valid.slice(dir.length + 1);
  return [
    { name: 'a folder', path: at('a-folder') },
    ...(madeFifo ? [{ name: 'a FIFO', path: fifo }] : []),
    { name: 'a dangling link', path: at('dangling') },
    { name: 'a link loop', path: at('loop-a') },
    { name: 'a link to /dev/zero', path: at('device') },
    { name: 'a link to the valid file', path: at('link-to-valid') },
    { name: "'..' reaching the valid file", path: join(dir, 'sub', '..', relativeName) },
    { name: "'..' leaving the folder", path: join(dir, '..', '..', 'no-such-dir', `x${extension}`) },
    { name: 'a NUL in the name', path: join(dir, `nul\u0000name${extension}`) },
    { name: 'a missing file', path: at('missing') },
  ];
}
