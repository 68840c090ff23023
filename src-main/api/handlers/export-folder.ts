import { resolve } from 'node:path';

import { assertInsideRoots } from '../../platform/path-guard';
import type { CallContext } from '../dispatcher';
import type { AppServices } from '../../app/services';

/** Where a run's exports go: the app's exports folder, or a chosen one (outside the CLI, only inside the app's folders). */
export async function exportFolder(
  services: AppServices,
  outDir: string | undefined,
  ctx: CallContext,
): Promise<string> {
  if (outDir === undefined) return services.paths.exports;
  if (ctx.door === 'cli') return resolve(outDir);
  return assertInsideRoots(outDir, [services.paths.home], 'Export folder');
}
