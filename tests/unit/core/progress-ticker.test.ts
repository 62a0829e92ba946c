// The progress ticker runs while any batch runs: one batch ending does not stop another's progress events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressTicker } from '../../../src/core/upload/progress-ticker';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ProgressTicker', () => {
  it('keeps ticking until the last running batch stops', () => {
    const tick = vi.fn();
    const ticker = new ProgressTicker(tick, 250);
    const stopBig = ticker.start();
    const stopSmall = ticker.start();
    vi.advanceTimersByTime(500);
    expect(tick).toHaveBeenCalledTimes(2);
    stopSmall();
    stopSmall(); // a second call must not stop the other batch's ticks
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(6);
    stopBig();
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(6);
  });

  it('starts again for a batch that starts after the others ended', () => {
    const tick = vi.fn();
    const ticker = new ProgressTicker(tick, 250);
    ticker.start()();
    const stop = ticker.start();
    vi.advanceTimersByTime(250);
    expect(tick).toHaveBeenCalledTimes(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
