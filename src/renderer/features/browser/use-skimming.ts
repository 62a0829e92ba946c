// Is the grid being skimmed (dragged through faster than anyone reads: above about 5 rows a frame)? Then rows show
// their icon and name only, and get their other cells once the scroll settles. Measured (bench/ui): a skim of 10,000
// items top to bottom in 15 s brings about 11 new rows a frame; a brisk wheel (about 3) keeps full rows.
import { useRef } from 'react';

/** px per ms: 200 px (5.5 rows of 36 px) a 60 Hz frame. */
export const SKIM_PX_PER_MS = 12;

/** True from the first fast step until the scroll stops (the virtualiser's isScrolling), so rows do not flicker
 * between light and full while the speed wobbles. */
export function useSkimming(offset: number, isScrolling: boolean, now = performance.now()): boolean {
  const last = useRef({ offset, at: now, skimming: false });
  const speed = Math.abs(offset - last.current.offset) / Math.max(1, now - last.current.at);
  const skimming = isScrolling && (last.current.skimming || speed > SKIM_PX_PER_MS);
  last.current = { offset, at: now, skimming };
  return skimming;
}
