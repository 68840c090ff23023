import { useCallback, useState } from 'react';

import { errorMessage } from '../api';

export interface ActionState<T> {
  busy: boolean;
  /** The last failure, in the main side's words; cleared when the action runs again. */
  error: string | undefined;
  /** The last result; kept until the next success (or cleared on a failure, so no stale report stays). */
  result: T | undefined;
  run: (work: () => Promise<T>) => void;
}

/**
 * A user-started API call (import, compare, add…): busy while it runs, then its result or its error. The
 * same few lines every form would otherwise write again.
 */
export function useAction<T>(onDone?: (result: T) => void): ActionState<T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<T>();
  const run = useCallback(
    (work: () => Promise<T>) => {
      setBusy(true);
      setError(undefined);
      work()
        .then((value) => {
          setResult(value);
          onDone?.(value);
        })
        .catch((reason: unknown) => {
          setResult(undefined);
          setError(errorMessage(reason));
        })
        .finally(() => setBusy(false));
    },
    [onDone],
  );
  return { busy, error, result, run };
}
