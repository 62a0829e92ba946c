// Speeds that do not jitter: an exponential moving average over the values a component sees (≈4 a second).
import { useRef } from 'react';

const SMOOTHING = 0.3;

export function useSmoothed(value: number): number {
  const last = useRef(value);
  last.current = value === 0 ? 0 : last.current === 0 ? value : last.current + SMOOTHING * (value - last.current);
  return last.current;
}
