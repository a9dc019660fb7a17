import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Returns `invalidate()`: live handlers mutate their own store and call it; the component
 * re-renders at most once per animation frame however many events arrived in between
 * (15 boats × 5 names at 1 Hz would otherwise be 75 renders a second).
 */
export function useFrameRender(): () => void {
  const [, setFrame] = useState(0);
  const pending = useRef(0);
  useEffect(() => () => cancelAnimationFrame(pending.current), []);
  return useCallback(() => {
    if (pending.current !== 0) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = 0;
      setFrame((frame) => frame + 1);
    });
  }, []);
}
