import type { ServerResponse } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeTinyLlavaPair } from '../../src-main/engine/test-models/tiny-llava';
import { serveBytes, startLocalHttpServer, type LocalHttpServer } from '../helpers/local-http-server';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS guard shared with child processes
const guard = require('../helpers/network-guard.cjs') as { attempts: { kind: string; target: string }[] };

const SLOW_TOTAL = 8 * 1024 * 1024;

/** Sends a 64 KiB piece every 50 ms of an 8 MiB file, so the page sees bytes, a percentage and a rate. */
function trickle(_request: unknown, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': SLOW_TOTAL });
  const piece = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  const timer = setInterval(() => {
    if (response.destroyed || sent + piece.length >= SLOW_TOTAL) return;
    response.write(piece);
    sent += piece.length;
  }, 50);
  response.on('close', () => clearInterval(timer));
}

// The catalogue is fixed to its public hosts (src-main/data/catalogue.ts): the guard refuses those connections,
// which is what a computer without internet sees. The rest of the download flow is exercised on a URL
// download from a local server: live progress, Cancel, and the model list updated when a file arrives.
describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `downloads on the Models page ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;
    let server: LocalHttpServer;

    beforeAll(async () => {
      server = await startLocalHttpServer();
      const pair = encodeTinyLlavaPair();
      server.route('/files/tiny-text.gguf', serveBytes(Buffer.from(pair.model)));
      server.route('/files/mmproj-tiny-text.gguf', serveBytes(Buffer.from(pair.mmproj)));
      server.route('/files/slow.gguf', trickle);
      app = await startAppUnderTest();
    });
    afterAll(async () => {
      await app?.close();
      await server?.close();
    });

    it('lists the catalogue’s model pairs and, offline, says which files to bring and where', async () => {
      const { page } = app;
      const before = guard.attempts.length;
      await page.getByRole('link', { name: 'Models', exact: true }).click();
      await page.getByRole('heading', { name: 'Download from the catalogue' }).waitFor();
      const smol = page.getByRole('article', { name: 'SmolVLM 256M Instruct (Q8_0)' });
      await smol.getByText('Apache 2.0').waitFor();
      await smol.getByText('about 266.1 MiB').waitFor();
      await smol.getByText('SmolVLM-256M-Instruct-Q8_0.gguf', { exact: true }).waitFor();
      await page.getByRole('article', { name: 'LLaVA 1.5 7B (Q4_K_M)' }).waitFor();
      // Model pairs only: the catalogue's datasets belong elsewhere.
      expect(await page.getByText('GlobalOpinionQA (Anthropic/llm_global_opinions)').count()).toBe(0);
      // Nothing is fetched until the user asks.
      expect(guard.attempts.slice(before)).toEqual([]);

      await smol.getByRole('button', { name: 'Download SmolVLM 256M Instruct (Q8_0)' }).click();
      await smol
        .getByRole('alert')
        .getByText(/^The download failed: .*huggingface\.co/)
        .waitFor();
      await smol.getByText('Failed', { exact: true }).waitFor();
      const folder = `${app.home}/models/smolvlm-256m`;
      await smol.getByText(folder, { exact: true }).waitFor();
      await smol
        .getByRole('listitem')
        .filter({ hasText: /^mmproj-SmolVLM-256M-Instruct-Q8_0\.gguf from https:\/\/huggingface\.co\// })
        .waitFor();
      expect(new Set(guard.attempts.slice(before).map((attempt) => attempt.target))).toEqual(
        new Set(['huggingface.co']),
      );
      await smol.scrollIntoViewIfNeeded();
      await app.screenshot('models-catalogue');
    });

    it('shows live progress of a URL download, cancels it, and lists a downloaded model at once', async () => {
      const { page } = app;
      const address = page.getByLabel('File address (URL)');
      const download = page.getByRole('button', { name: 'Download into the models folder' });

      await address.fill('http://example.com/model.gguf');
      await download.click();
      await page
        .getByRole('alert')
        .getByText(/unencrypted/)
        .waitFor();

      await address.fill(server.url('/files/slow.gguf'));
      await download.click();
      const slow = page.getByRole('group', { name: 'Download of slow.gguf' });
      const bar = slow.getByRole('progressbar', { name: 'Progress of slow.gguf' });
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(await bar.getAttribute('aria-valuemax')).toBe(String(SLOW_TOTAL));
      await slow.getByText(/Downloading .* at .*\/s/).waitFor();
      await slow.getByText(/of 8\.0 MiB \(\d+\.\d %\)/).waitFor();
      await app.screenshot('models-download-progress');
      await slow.getByRole('button', { name: 'Cancel the download of slow.gguf' }).click();
      await slow.getByText('Cancelled', { exact: true }).waitFor();
      await slow.getByText(/partial file is kept/).waitFor();

      await page.getByText('No models yet').waitFor();
      await address.fill(server.url('/files/tiny-text.gguf'));
      await download.click();
      await page.getByRole('group', { name: 'Download of tiny-text.gguf' }).getByText('Downloaded').waitFor();
      const models = page.getByRole('table', { name: 'Models' });
      await models.getByRole('cell', { name: 'none' }).waitFor();

      await address.fill(server.url('/files/mmproj-tiny-text.gguf'));
      await download.click();
      await page
        .getByRole('group', { name: 'Download of mmproj-tiny-text.gguf' })
        .getByText('Downloaded')
        .waitFor();
      // The projector arrived in the same folder: the model is listed again, now paired with it.
      await models.getByRole('cell', { name: /image tokens/ }).waitFor();
      expect(await models.getByRole('row').count()).toBe(2);
      await app.screenshot('models-downloaded');
      expect(app.pageErrors).toEqual([]);
    });
  },
);
