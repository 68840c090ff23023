/**
 * Builds the `window.api` object from the method names. Used verbatim by the Electron preload and, as
 * source text, by the browser-mode bridge script: it must stay self-contained (no imports, no closures
 * over module scope) because the bridge serialises it with `Function.prototype.toString`.
 */
export function buildWindowApi(
  methodNames: readonly string[],
  invoke: (
    name: string,
    input: unknown,
  ) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const fullName of methodNames) {
    const dot = fullName.indexOf('.');
    const domain = fullName.slice(0, dot);
    const method = fullName.slice(dot + 1);
    const methods = (api[domain] ?? {}) as Record<string, (input?: unknown) => Promise<unknown>>;
    methods[method] = async (input?: unknown) => {
      const result = await invoke(fullName, input ?? {});
      if (result.ok) return result.value;
      const error = new Error(result.error?.message ?? 'Unknown error');
      error.name = 'AppError';
      (error as Error & { code?: string }).code = result.error?.code ?? 'internal';
      throw error;
    };
    api[domain] = methods;
  }
  api.on = (event: string, listener: (payload: unknown) => void) => subscribe(event, listener);
  return api;
}
