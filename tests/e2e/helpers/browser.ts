import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export const CHROMIUM_PATH = CANDIDATES.find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
);

/** In CI a missing browser is a failure (.ci/run installs it); on a developer machine the e2e tests skip and say why. */
export const SKIP_E2E_REASON =
  CHROMIUM_PATH === undefined && process.env.CI !== 'true'
    ? 'Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)'
    : undefined;

export async function launchBrowser(): Promise<Browser> {
  if (CHROMIUM_PATH === undefined)
    throw new Error('Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH).');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
