import { AppError } from '../../domain/errors';
import { fileNameOf } from './network-errors';

const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._+()-]{0,199}$/;

/**
 * The name a download gets inside the folder the app chose: the user's name, or one built from the URL's
 * last path segment with every character outside `A-Z a-z 0-9 . _ + ( ) -` replaced. It can never be a path
 * (no separator, no leading dot, no `..`), so the URL never chooses the folder; Content-Disposition is ignored.
 */
export function downloadFileName(url: URL, given?: string): string {
  if (given !== undefined) {
    if (!PLAIN_NAME.test(given) || given.includes('..'))
      throw new AppError(
        'invalid_input',
        `'${given.slice(0, 200)}' is not a plain file name (letters, digits, . _ + ( ) -; no folders).`,
      );
    return given;
  }
  const cleaned = fileNameOf(url)
    .replace(/[^A-Za-z0-9._+()-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 200);
  return PLAIN_NAME.test(cleaned) ? cleaned : `download-from-${url.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}`;
}
