import { pathToFileURL } from 'node:url';

import { net, protocol } from 'electron';

import type { AppApi } from '../api/create-api';

export const MEDIA_SCHEME = 'va-media';

/** Must run before the app is ready. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** `va-media://thumb/<sha256>` and `va-media://image/<sha256>`: library files by hash, nothing else. */
export function handleMediaProtocol(api: AppApi): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const kind = url.hostname === 'thumb' ? 'thumb' : url.hostname === 'image' ? 'image' : null;
    const file = kind === null ? undefined : await api.resolveMedia(kind, url.pathname.slice(1));
    if (file === undefined) return new Response('Not in the image library.', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
