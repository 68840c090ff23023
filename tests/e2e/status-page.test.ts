import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

describe.skipIf(SKIP_E2E_REASON !== undefined)(`status page in browser mode ${SKIP_E2E_REASON ?? ''}`, () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startAppUnderTest();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the real doctor report that came through the API', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Status' }).waitFor();
    await page.getByRole('heading', { name: 'Versions' }).waitFor();
    // Values only the real doctor report knows: the app-data folder of this run and the Node version.
    await expect.poll(() => page.getByText(app.home, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(process.versions.node, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('llama.node CPU').count()).toBe(1);
    // A fresh installation leads to a first result: every step is open and links to its page.
    const steps = page.getByRole('article', { name: 'Getting started' });
    await steps.getByRole('link', { name: 'Get a model' }).waitFor();
    expect(await steps.getByRole('link').count()).toBe(4);
    await app.screenshot('status-light');

    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await app.screenshot('status-dark');
    expect(app.pageErrors).toEqual([]);
  });

  it('navigates between areas with the keyboard-reachable sidebar', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Models', exact: true }).click();
    await page.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
    expect(page.url()).toContain('#/models');
    await page.getByRole('link', { name: 'Status', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Status', level: 1 }).waitFor();
  });

  it('is refused by the server when the page has no token', async () => {
    const response = await fetch(app.server.url);
    expect(response.status).toBe(401);
  });
});
