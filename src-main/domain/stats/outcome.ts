/**
 * A computed value, or the reason it could not be computed.
 *
 * Alignment metrics meet legitimately degenerate data (a model that put no mass on any option letter,
 * a human distribution of zeros). Returning a tagged failure instead of NaN forces every caller to count
 * and report those rows rather than letting NaN leak silently into averages.
 */
export type Outcome<T, R extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: R; readonly message: string };

export function success<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function failure<R extends string>(
  reason: R,
  message: string,
): { readonly ok: false; readonly reason: R; readonly message: string } {
  return { ok: false, reason, message };
}
