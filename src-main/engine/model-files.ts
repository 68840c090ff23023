import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FoundFile {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

/** Lists `*.gguf` files in the folders and one level of subfolders (a model per folder is common). */
export async function findGgufFiles(folders: readonly string[], maxDepth = 2): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  async function walk(folder: string, depth: number): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return; // A missing or unreadable folder simply has no models.
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && depth < maxDepth && !entry.name.startsWith('.')) await walk(path, depth + 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.gguf')) {
        const info = await stat(path);
        found.set(path, { path, sizeBytes: info.size, mtimeMs: info.mtimeMs });
      }
    }
  }
  for (const folder of folders) await walk(folder, 1);
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}
