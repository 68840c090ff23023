import { useEffect, useRef } from 'react';

import type { ApiEventName, ApiEvents } from '@contract';
import { getApi } from '../api';

/** Subscribes to a pushed event for the component's lifetime; the latest listener is always used. */
export function useApiEvent<E extends ApiEventName>(
  event: E,
  listener: (payload: ApiEvents[E]) => void,
): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => getApi().on(event, (payload) => latest.current(payload)), [event]);
}
