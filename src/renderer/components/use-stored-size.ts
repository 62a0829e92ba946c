// A size the person chose by dragging (a panel's height), kept between launches in localStorage: the renderer's own
// preference, nothing main needs to know. Always within [min, max] as they are now (a smaller window shrinks it).
import { useCallback, useState } from 'react';

function read(key: string, fallback: number): number {
  try {
    const stored = Number(window.localStorage.getItem(key));
    return Number.isFinite(stored) && stored > 0 ? stored : fallback;
  } catch {
    return fallback; // storage can be unavailable (a locked-down profile): the default, not a crash
  }
}

export function useStoredSize(key: string, fallback: number, bounds: { min: number; max: number }): [number, (size: number) => void] {
  const [size, setSize] = useState(() => read(key, fallback));
  const clamp = useCallback((value: number) => Math.round(Math.max(bounds.min, Math.min(Math.max(bounds.min, bounds.max), value))), [bounds.min, bounds.max]);
  const set = useCallback((value: number) => {
    const next = clamp(value);
    setSize(next);
    try {
      window.localStorage.setItem(key, String(next));
    } catch {
      // not kept, still applied
    }
  }, [key, clamp]);
  return [clamp(size), set];
}
