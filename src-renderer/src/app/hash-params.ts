/** Query parameters of the hash route, e.g. `#/results?run=3&item=…`. */
export function hashParams(hash: string = window.location.hash): URLSearchParams {
  const query = hash.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : hash.slice(query + 1));
}

export function setHashParams(route: string, params: Record<string, string | number | undefined>): void {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const query = search.toString();
  window.location.hash = `#/${route}${query === '' ? '' : `?${query}`}`;
}
