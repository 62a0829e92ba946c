import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/sandbox/api/rate-limit.js';
import { FaultController } from '../../../src/sandbox/faults.js';
import { createPrng } from '../../../src/sandbox/util/prng.js';

describe('prng', () => {
  it('is reproducible per seed and in [0, 1)', () => {
    const a = createPrng(5);
    const b = createPrng(5);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createPrng(6)()).not.toBe(xs[0]);
  });
});

describe('FaultController', () => {
  it('rate 0 never fires, rate 1 always fires, counters track it', () => {
    const f = new FaultController({ put500: 1 });
    for (let i = 0; i < 5; i++) expect(f.decidePart().fault).toBe('put500');
    f.set({});
    for (let i = 0; i < 5; i++) expect(f.decidePart()).toEqual({ fault: undefined, slowBytesPerSec: undefined });
    expect(f.stats().faultsInjected).toEqual({ put500: 5 });
  });

  it('API draws do not shift the part sequence', () => {
    const cfg = { seed: 9, put503: 0.5, api429: 0.5 };
    const quiet = new FaultController(cfg);
    const busy = new FaultController(cfg);
    const seqQuiet = Array.from({ length: 30 }, () => quiet.decidePart().fault);
    const seqBusy = Array.from({ length: 30 }, () => {
      busy.decideApi429();
      return busy.decidePart().fault;
    });
    expect(seqBusy).toEqual(seqQuiet);
  });

  it('stats() is a copy', () => {
    const f = new FaultController({});
    f.recordPartPut('a', 1);
    const s = f.stats();
    s.partPuts.a = {};
    expect(f.stats().partPuts).toEqual({ a: { 1: 1 } });
  });

  it('part PUT counters: one-part files, retried parts and parts out of order read back per part', () => {
    const f = new FaultController({});
    f.recordPartPut('one', 1);
    f.recordPartPut('again', 1);
    f.recordPartPut('again', 1);
    f.recordPartPut('many', 3);
    f.recordPartPut('many', 1);
    f.recordPartPut('many', 3);
    f.recordPartPut('late', 1);
    f.recordPartPut('late', 2);
    expect(f.stats().partPuts).toEqual({ one: { 1: 1 }, again: { 1: 2 }, many: { 1: 1, 3: 2 }, late: { 1: 1, 2: 1 } });
  });
});

describe('RateLimiter', () => {
  it('fixed window per key and category with headers and Retry-After', () => {
    const rl = new RateLimiter({ create: { limit: 2, windowMs: 1000 } });
    expect(rl.take('t', 'create', 0).headers).toEqual({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-window': '1000' });
    expect(rl.take('t', 'create', 100).allowed).toBe(true);
    const over = rl.take('t', 'create', 200);
    expect(over.allowed).toBe(false);
    expect(over.retryAfterS).toBe(1);
    expect(rl.take('other', 'create', 200).allowed).toBe(true);
    expect(rl.take('t', 'read', 200).headers['x-ratelimit-limit']).toBe('1000');
    expect(rl.take('t', 'create', 1000).allowed).toBe(true);
  });
});
