import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency, DECREASE_COOLDOWN_MS } from '../../../src/core/upload/adaptive-concurrency';
import { Limiter } from '../../../src/core/upload/limiter';

describe('AdaptiveConcurrency', () => {
  it('halves the limit when throttled, once per cooldown, and climbs back after successes', () => {
    let t = 0;
    const limiter = new Limiter(8);
    const adaptive = new AdaptiveConcurrency(limiter, 8, () => t);
    adaptive.throttled();
    expect(limiter.limit).toBe(4);
    adaptive.throttled(); // same burst
    expect(limiter.limit).toBe(4);
    t += DECREASE_COOLDOWN_MS;
    adaptive.throttled();
    expect(limiter.limit).toBe(2);
    for (let i = 0; i < 2; i++) adaptive.succeeded();
    expect(limiter.limit).toBe(3);
    for (let i = 0; i < 3 + 4 + 5 + 6 + 7; i++) adaptive.succeeded();
    expect(limiter.limit).toBe(8); // never above the ceiling
    adaptive.succeeded();
    expect(limiter.limit).toBe(8);
  });

  it('never goes below one part in flight', () => {
    let t = 0;
    const limiter = new Limiter(1);
    const adaptive = new AdaptiveConcurrency(limiter, 4, () => t);
    adaptive.throttled();
    t += DECREASE_COOLDOWN_MS;
    adaptive.throttled();
    expect(limiter.limit).toBe(1);
  });
});

describe('Limiter.setLimit', () => {
  it('admits waiters at once when raised and drains to the new limit when lowered', async () => {
    const limiter = new Limiter(1);
    const release: Array<() => void> = [];
    const started: number[] = [];
    const tasks = [0, 1, 2].map((n) => limiter.run(() => new Promise<void>((r) => { started.push(n); release.push(r); })));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0]);
    limiter.setLimit(3);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    limiter.setLimit(1);
    const late = limiter.run(async () => void started.push(3));
    release[0]?.();
    release[1]?.();
    await new Promise((r) => setImmediate(r));
    expect(started).not.toContain(3); // task 2 still runs: at the new limit of 1, so the late task waits
    release[2]?.();
    await Promise.all([...tasks, late]);
    expect(started).toEqual([0, 1, 2, 3]);
  });
});
