/**
 * URL of a library image or its thumbnail. Electron serves them through the `va-media:` protocol, browser
 * mode through the token-protected `/media/` route; both serve only library files, by content hash.
 */
export function mediaUrl(kind: 'image' | 'thumb', sha256: string): string {
  return window.location.protocol === 'file:' ? `va-media://${kind}/${sha256}` : `/media/${kind}/${sha256}`;
}
