import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS guard shared with child processes
const guard = require('../helpers/network-guard.cjs') as { attempts: { kind: string; target: string }[] };

// A computer without internet: the guard refuses every connection that leaves this machine.
describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `onboarding on a fresh install ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;

    beforeAll(async () => {
      app = await startAppUnderTest();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('offers each step from the start page, says which file to bring offline, and ticks off what is done', async () => {
      const { page } = app;
      const steps = page.getByRole('article', { name: 'Getting started' });
      await steps.getByRole('button', { name: /^Download SmolVLM/ }).waitFor();
      // Offline, each step names the exact files and where they go.
      await steps
        .getByText(/Offline, bring SmolVLM-256M-Instruct-Q8_0\.gguf and .*mmproj.* and put them in/)
        .waitFor();
      await steps.getByText(/Offline, bring global_opinions\.csv/).waitFor();
      expect(guard.attempts.length).toBe(0); // nothing was fetched before the user asked

      await steps.getByRole('button', { name: /^Download and import GlobalOpinionQA/ }).click();
      await steps
        .getByRole('alert')
        .filter({ hasText: /huggingface\.co/ })
        .waitFor({ timeout: 30_000 });
      expect(guard.attempts.some((attempt) => attempt.target.includes('huggingface.co'))).toBe(true);
      await app.screenshot('onboarding-offline');

      await steps.getByRole('button', { name: 'Create the demo model (meaningless scores)' }).click();
      await steps.getByRole('listitem').filter({ hasText: 'Get a model ✓' }).waitFor();
      // Done steps keep their link but offer no more actions.
      expect(
        await steps.getByRole('button', { name: 'Create the demo model (meaningless scores)' }).count(),
      ).toBe(0);
      expect(app.pageErrors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
    });
  },
);
