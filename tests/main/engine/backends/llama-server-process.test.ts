import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LlamaServerBackend } from '../../../../src-main/engine/backends/llama-server';
import { serverArgs } from '../../../../src-main/engine/backends/llama-server-process';
import type { LoadSpec, ScoreBatchRequest } from '../../../../src-main/engine/engine';
import { useTempDirs } from '../../../helpers/temp-dir';
import { getTinyModel } from '../../../helpers/tiny-model';
import { writeFakeServer } from './fake-llama-server-double';
import { startServerDouble, type ServerDouble } from './llama-server-double';

const REQUEST: ScoreBatchRequest = {
  prefixText: 'You live in Japan.\n',
  suffixes: [{ id: 'q1', text: 'Trust people? (A) Yes (B) No', optionLabels: ['A', 'B'] }],
  leadIn: 'Answer: (',
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100 && alive(pid); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return !alive(pid);
}

describe.skipIf(process.platform === 'win32')(
  'llama-server process supervision (a stand-in server process)',
  () => {
    const tempDir = useTempDirs();
    let double: ServerDouble;
    let binaryPath: string;
    let spec: LoadSpec;
    let backend: LlamaServerBackend;

    beforeAll(async () => {
      const pair = await getTinyModel();
      spec = { ...pair, variant: 'default', gpuLayers: 0, threads: 1, contextSize: 1024 };
    });
    beforeEach(async () => {
      double = await startServerDouble();
      process.env.DOUBLE_URL = double.url;
      process.env.FAKE_MODE = 'ok';
      binaryPath = await writeFakeServer(await tempDir());
      backend = new LlamaServerBackend({
        target: { kind: 'managed', binaryPath },
        watchdogMs: 500,
        startTimeoutMs: 10_000,
      });
    });
    afterEach(async () => {
      await backend.close();
      await double.close();
      delete process.env.FAKE_MODE;
      delete process.env.DOUBLE_URL;
    });

    const score = () => backend.scoreBatch(REQUEST, () => undefined);

    it('starts on 127.0.0.1 with a random port and a per-start key kept out of the command line', async () => {
      const args = serverArgs(
        { binaryPath, modelPath: 'm.gguf', mmprojPath: 'p.gguf', contextSize: 1024, slots: 4, gpuLayers: 0 },
        4321,
      );
      expect(args).toEqual(
        expect.arrayContaining([
          '--host',
          '127.0.0.1',
          '--port',
          '4321',
          '--mmproj',
          'p.gguf',
          '--parallel',
          '4',
        ]),
      );
      expect(args[args.indexOf('-c') + 1]).toBe('4096'); // context per slot × slots
      await backend.load(spec);
      const { pid } = await backend.status();
      expect(pid).not.toBeNull();
      if (existsSync(`/proc/${pid}/cmdline`)) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        expect(cmdline).toContain('127.0.0.1');
        expect(cmdline).not.toMatch(/api-key|[0-9a-f]{48}/);
      }
      // The key reached the server through its environment: its requests were accepted.
      await score();
      expect(double.requests.some((entry) => entry.path === '/completion')).toBe(true);
    });

    it('a binary that does not exist: not_found, naming the path and how to get one', async () => {
      const missing = new LlamaServerBackend({
        target: { kind: 'managed', binaryPath: join(await tempDir(), 'nope', 'llama-server') },
      });
      await expect(missing.load(spec)).rejects.toMatchObject({
        code: 'not_found',
        message: expect.stringContaining('npm run engine:build') as unknown,
      });
    });

    it('a server that cannot load the model: engine_failed with the server’s own reason, nothing left running', async () => {
      process.env.FAKE_MODE = 'load-error';
      await expect(backend.load(spec)).rejects.toMatchObject({
        code: 'engine_failed',
        message: expect.stringMatching(
          /stopped \(exit code 1\) while loading .*failed to load model/,
        ) as unknown,
      });
      expect(await backend.status()).toMatchObject({ running: false, pid: null });
    });

    it('a server that exits mid-request: engine_crashed, then a restart with the same model', async () => {
      process.env.FAKE_MODE = 'crash-on-completion';
      await backend.load(spec);
      const { pid } = await backend.status();
      await expect(score()).rejects.toMatchObject({
        code: 'engine_crashed',
        message: expect.stringMatching(/stopped unexpectedly \(exit code 134\).*GGML_ASSERT/) as unknown,
      });
      expect(await waitUntilGone(pid!)).toBe(true);
      process.env.FAKE_MODE = 'ok';
      await score();
      const status = await backend.status();
      expect(status).toMatchObject({ running: true, restarts: 1 });
      expect(status.pid).not.toBe(pid);
    });

    it('a server that hangs: the watchdog stops it, the error says so, the next request gets a fresh one', async () => {
      await backend.load(spec);
      const { pid } = await backend.status();
      double.fault = 'hang';
      await expect(score()).rejects.toMatchObject({
        code: 'engine_failed',
        message: expect.stringContaining('made no progress for 0.5 s') as unknown,
      });
      expect(await waitUntilGone(pid!)).toBe(true);
      double.fault = 'none';
      await score();
      expect((await backend.status()).restarts).toBe(1);
    });

    it('unload and close stop the process, even one that ignores SIGTERM', async () => {
      process.env.FAKE_MODE = 'ignore-term';
      await backend.load(spec);
      const { pid } = await backend.status();
      await backend.unload();
      expect(await waitUntilGone(pid!)).toBe(true);
      expect(await backend.status()).toMatchObject({ running: false, loaded: null });
      await expect(score()).rejects.toMatchObject({ code: 'invalid_input' });
    });
  },
);
