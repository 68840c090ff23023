import { useEffect, useState } from 'react';

import { routeFromHash } from './routes';

/** Hash routing: works the same from file:// in Electron and over http in browser mode. */
export function useHashRoute(): string {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
