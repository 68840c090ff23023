import { type RefObject, useEffect, useState } from 'react';

/**
 * The content width of an element, tracked with a ResizeObserver. Starts at `fallback` (also used where layout is
 * unavailable, as in tests) and is rounded down to 4 px so that sub-pixel jitter does not redraw charts.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 720): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const node = ref.current;
    if (node === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.floor((entries[0]?.contentRect.width ?? 0) / 4) * 4;
      if (measured > 0) setWidth(measured);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
