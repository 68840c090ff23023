import { isAbsolute, resolve } from 'node:path';

import { AppError } from '../../domain/errors';
import type { CallContext } from '../dispatcher';

/** The command line resolves relative paths against its working folder; the app's pages must give full ones. */
export function userPath(path: string, ctx: CallContext, what: string): string {
  const full = ctx.door === 'cli' ? resolve(path) : path;
  if (!isAbsolute(full))
    throw new AppError('invalid_input', `Give the full path of the ${what}, not '${path}'.`);
  return full;
}
