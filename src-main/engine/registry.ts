import { freemem } from 'node:os';
import { basename, dirname } from 'node:path';

import { isAppError } from '../domain/errors';
import type { ModelEntry } from '../domain/models';
import {
  readGgufModelInfo,
  type GgufModelInfo,
  type MmprojInfo,
  type TextModelInfo,
} from './gguf/model-info';
import { isKnownArchitecture } from './llama-cpp-architectures';
import { findGgufFiles, type FoundFile } from './model-files';

export type { ModelEntry };

export interface BrokenFile {
  path: string;
  problem: string;
}

const DEMO_MARKER = /random weights|random-weight|test only|timing only/i;

function stem(path: string): string {
  return basename(path)
    .replace(/\.gguf$/i, '')
    .toLowerCase();
}

/** mmproj files are named after their text model in several ways; the one sharing the longest stem wins. */
function pairScore(textPath: string, mmprojPath: string): number {
  const text = stem(textPath);
  const projector = stem(mmprojPath)
    .replace(/(^|[-_.])mmproj([-_.]|$)/g, '$1')
    .replace(/[-_.]+$/, '');
  let shared = 0;
  while (shared < Math.min(text.length, projector.length) && text[shared] === projector[shared]) shared++;
  return shared;
}

function estimateBytes(
  text: TextModelInfo,
  fileBytes: number,
  projectorBytes: number,
  contextSize: number,
): number {
  // Weights are mapped from disk; the KV cache (f16 keys and values for every layer) comes on top.
  const kv = 2 * 2 * contextSize * (text.blockCount ?? 0) * (text.embeddingLength ?? 0);
  return fileBytes + projectorBytes + kv;
}

/** Finds GGUF files, tells text models from projectors, pairs them and checks they can load here. */
export async function scanModels(
  folders: readonly string[],
  contextSize = 4096,
  /** Pairings the user made by hand (text model path → mmproj path); they win over name matching. */
  explicitPairs: ReadonlyMap<string, string> = new Map(),
): Promise<{ models: ModelEntry[]; broken: BrokenFile[] }> {
  const files = await findGgufFiles(folders);
  const infos: { file: FoundFile; info: GgufModelInfo }[] = [];
  const broken: BrokenFile[] = [];
  for (const file of files) {
    try {
      infos.push({ file, info: await readGgufModelInfo(file.path) });
    } catch (error) {
      broken.push({ path: file.path, problem: isAppError(error) ? error.message : String(error) });
    }
  }
  const projectors = infos.filter(
    (entry): entry is { file: FoundFile; info: MmprojInfo } => entry.info.role === 'mmproj',
  );
  const models: ModelEntry[] = [];
  for (const entry of infos) {
    if (entry.info.role !== 'text') continue;
    const text = entry.info;
    const candidates = projectors.filter(
      (projector) => dirname(projector.file.path) === dirname(entry.file.path),
    );
    const chosen = explicitPairs.get(entry.file.path);
    const best =
      (chosen !== undefined ? projectors.find((projector) => projector.file.path === chosen) : undefined) ??
      candidates.sort(
        (a, b) => pairScore(entry.file.path, b.file.path) - pairScore(entry.file.path, a.file.path),
      )[0];
    const reasons: string[] = [];
    if (
      best !== undefined &&
      best.info.outputSize !== undefined &&
      best.info.outputSize !== text.embeddingLength
    ) {
      reasons.push(
        `its projector ${basename(best.file.path)} outputs ${best.info.outputSize} values but the model expects ${text.embeddingLength}`,
      );
    }
    if (!isKnownArchitecture(text.architecture))
      reasons.push(
        `architecture '${text.architecture ?? 'unnamed'}' is not one this llama.cpp build can run`,
      );
    if (best === undefined) reasons.push('no projector (mmproj) in its folder: text-only conditions only');
    const estimatedBytes = estimateBytes(text, entry.file.sizeBytes, best?.file.sizeBytes ?? 0, contextSize);
    const freeBytes = freemem();
    if (estimatedBytes > freeBytes) {
      reasons.push(
        `needs about ${(estimatedBytes / 2 ** 30).toFixed(1)} GiB but ${(freeBytes / 2 ** 30).toFixed(1)} GiB of memory is free`,
      );
    }
    models.push({
      id: stem(entry.file.path),
      name: text.name ?? basename(entry.file.path),
      modelPath: entry.file.path,
      mmprojPath: best?.file.path ?? null,
      architecture: text.architecture ?? 'unknown',
      parameters: text.parameterCount,
      quantisation: text.quantization ?? 'unknown',
      contextLength: text.contextLength ?? null,
      sizeBytes: entry.file.sizeBytes + (best?.file.sizeBytes ?? 0),
      projector:
        best === undefined
          ? null
          : {
              type: best.info.projectorType,
              imageSize: best.info.imageSize ?? null,
              imageTokens: best.info.imageTokens ?? null,
            },
      demo: DEMO_MARKER.test(text.name ?? ''),
      // A missing projector limits what the model can do but does not stop it from loading.
      fit: {
        ok: reasons.every((reason) => reason.startsWith('no projector')),
        reasons,
        estimatedBytes,
        freeBytes,
      },
    });
  }
  return { models, broken };
}
