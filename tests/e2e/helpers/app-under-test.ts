import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { createApi, type AppApi } from '../../../src-main/api/create-api';
import type { ServiceOptions } from '../../../src-main/app/services';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { RENDERER_DIR, TEST_OUTPUT_DIR } from '../../helpers/repo';
import { launchBrowser } from './browser';

export interface AppUnderTest {
  api: AppApi;
  server: RunningServer;
  browser: Browser;
  page: Page;
  home: string;
  /** Errors the page raised; a test ends by asserting there were none. */
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app in browser mode: the real API on a fresh app-data folder, the built renderer, headless Chromium. */
export async function startAppUnderTest(
  options: Omit<ServiceOptions, 'home'> & { home?: string } = {},
): Promise<AppUnderTest> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'va-e2e-')));
  const api = await createApi({ ...options, home });
  const server = await startServer({ api, rendererDir: RENDERER_DIR });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(server.openUrl);
  return {
    api,
    server,
    browser,
    page,
    home,
    pageErrors,
    async screenshot(name) {
      const dir = join(TEST_OUTPUT_DIR, 'e2e');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      await api.close();
      if (options.home === undefined) await rm(home, { recursive: true, force: true });
    },
  };
}
