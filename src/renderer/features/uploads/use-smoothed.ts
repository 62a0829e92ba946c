// Speeds that do not jitter: an exponential moving average over the values a component sees (≈4 a second).
import { useRef } from 'react';

const SMOOTHING = 0.3;

export function useSmoothed(value: number): number {
  // Keyed by the input, so a render that sees the same value (StrictMode renders twice) does not smooth twice.
  const last = useRef({ input: value, output: value });
  if (last.current.input !== value) {
    const before = last.current.output;
    last.current = { input: value, output: value === 0 || before === 0 ? value : before + SMOOTHING * (value - before) };
  }
  return last.current.output;
}
