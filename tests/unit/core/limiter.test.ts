import { describe, expect, it } from 'vitest';
import { Limiter } from '../../../src/core/upload/limiter';

const tick = () => new Promise((r) => setImmediate(r));

describe('Limiter', () => {
  it('runs at most max tasks at once and serves waiters first-in first-out', async () => {
    const limiter = new Limiter(2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = [0, 1, 2, 3].map((n) =>
      limiter.run(() => {
        started.push(n);
        return new Promise<number>((resolve) => releases.push(() => resolve(n)));
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.running).toBe(2);
    releases[1]?.();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    releases[0]?.();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    releases[2]?.();
    releases[3]?.();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3]);
    expect(limiter.running).toBe(0);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve('ok'))).toBe('ok');
  });

  it('rejects a nonsense limit', () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
  });
});
