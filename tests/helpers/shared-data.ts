import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './repo';

/** The read-only reference data beside the checkout (`../shared/data`), when present. */
export const SHARED_DATA_DIR = process.env.VALUE_ATLAS_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data');

/** Path to a file under the shared reference data, or null when it is absent (tests then skip and say why). */
export function sharedDataPath(...parts: string[]): string | null {
  const path = join(SHARED_DATA_DIR, ...parts);
  return existsSync(path) ? path : null;
}

export const SHARED_DATA_MISSING_REASON = `reference data not found at ${SHARED_DATA_DIR} (the ../shared folder is absent)`;
