import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** CPU features that decide which llama.cpp build runs well here. */
const INTERESTING_FLAGS = [
  'sse4_2',
  'avx',
  'avx2',
  'fma',
  'f16c',
  'avx512f',
  'avx512_vnni',
  'avx512bw',
  'avx_vnni',
  'amx_tile',
];

export async function detectCpuFeatures(): Promise<string[]> {
  if (process.platform === 'linux') {
    try {
      const info = await readFile('/proc/cpuinfo', 'utf8');
      const flagsLine = info
        .split('\n')
        .find((line) => line.startsWith('flags') || line.startsWith('Features'));
      const flags = new Set((flagsLine?.split(':')[1] ?? '').trim().split(/\s+/));
      if (process.arch === 'arm64')
        return [...flags].filter((flag) => ['asimd', 'sve', 'sve2', 'i8mm', 'dotprod'].includes(flag));
      return INTERESTING_FLAGS.filter((flag) => flags.has(flag));
    } catch {
      return [];
    }
  }
  if (process.platform === 'darwin' && process.arch === 'arm64') return ['neon', 'metal'];
  return [];
}

export function describePlatform() {
  const cpuList = cpus();
  return {
    os: process.platform,
    arch: process.arch,
    release: release(),
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

export interface DetectedGpu {
  name: string;
  vendor: string;
  memoryMiB?: number;
  source: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<string | null> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true }, (error, stdout) =>
      resolvePromise(error ? null : stdout),
    );
  });
}

/** Finds GPUs without loading any GPU library into this process (a broken driver must not crash the app). */
export async function detectGpus(): Promise<DetectedGpu[]> {
  const found: DetectedGpu[] = [];
  const smi = await run(
    'nvidia-smi',
    ['--query-gpu=name,memory.total', '--format=csv,noheader,nounits'],
    3000,
  );
  if (smi !== null) {
    for (const line of smi.split('\n').filter((row) => row.trim() !== '')) {
      const [name, memory] = line.split(',').map((part) => part.trim());
      found.push({
        name: name ?? 'NVIDIA GPU',
        vendor: 'NVIDIA',
        memoryMiB: Number(memory) || undefined,
        source: 'nvidia-smi',
      });
    }
    return found;
  }
  if (process.platform === 'linux') {
    try {
      for (const card of await readdir('/sys/class/drm')) {
        if (!/^card\d+$/.test(card)) continue;
        const vendorId = (
          await readFile(join('/sys/class/drm', card, 'device', 'vendor'), 'utf8').catch(() => '')
        ).trim();
        const vendor = { '0x10de': 'NVIDIA', '0x1002': 'AMD', '0x8086': 'Intel' }[vendorId];
        if (vendor !== undefined)
          found.push({ name: `${vendor} GPU (${card})`, vendor, source: '/sys/class/drm' });
      }
    } catch {
      // No DRM devices: a headless server or a container.
    }
  }
  if (process.platform === 'darwin' && process.arch === 'arm64') {
    found.push({ name: 'Apple silicon GPU', vendor: 'Apple', source: 'platform' });
  }
  return found;
}
