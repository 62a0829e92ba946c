// Row recycling for a virtualised list: each on-screen index gets a slot, and a row that scrolls out hands its slot
// to the row that scrolls in. Keyed by slot, React updates a leaving row's text in place instead of removing its
// elements and creating new ones: the 10,000-item skim brings about 11 new rows a frame (bench/ui).
import { useRef } from 'react';

/** Slots for `indices` (ascending, contiguous): kept where an index already had one, freed ones reused lowest first. */
export function assignSlots(previous: ReadonlyMap<number, number>, indices: readonly number[]): Map<number, number> {
  const next = new Map<number, number>();
  const used = new Set<number>();
  for (const index of indices) {
    const slot = previous.get(index);
    if (slot !== undefined) {
      next.set(index, slot);
      used.add(slot);
    }
  }
  let free = 0;
  for (const index of indices) {
    if (next.has(index)) continue;
    while (used.has(free)) free += 1;
    next.set(index, free);
    used.add(free);
  }
  return next;
}

/** The slot of each index on screen now, remembered from one render to the next. */
export function useRowSlots(indices: readonly number[]): ReadonlyMap<number, number> {
  const slots = useRef<Map<number, number>>(new Map());
  slots.current = assignSlots(slots.current, indices);
  return slots.current;
}
