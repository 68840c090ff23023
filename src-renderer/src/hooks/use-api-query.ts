import { useCallback, useEffect, useState } from 'react';

import { errorMessage } from '../api';

export interface QueryState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  data?: T;
  error?: string;
}

/**
 * Calls an API method and keeps its latest result. `deps` (serialisable values) decide when to call
 * again; while a new call runs, the previous data stays on screen and `loading` is true.
 */
export function useApiQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify([generation, ...deps]);
  const [settled, setSettled] = useState<Settled<T>>({ key: '' });

  useEffect(() => {
    let cancelled = false;
    load().then(
      (value) => {
        if (!cancelled) setSettled({ key, data: value });
      },
      (reason: unknown) => {
        if (!cancelled) setSettled((previous) => ({ key, data: previous.data, error: errorMessage(reason) }));
      },
    );
    return () => {
      cancelled = true;
    };
    // `load` is a fresh closure each render; `key` captures everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: settled.data, error: settled.error, loading: settled.key !== key, reload };
}
