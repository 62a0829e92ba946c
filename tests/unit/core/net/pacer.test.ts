// The one pacer every call of a session goes through: retry budgets per kind, backoff or Retry-After, offline waits
// that cost nothing, one shared token renewal, and rate budgets fed by x-ratelimit-* headers.
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../../../src/core/net/credentials';
import { NetworkGate } from '../../../../src/core/net/network-gate';
import { Pacer, type PacedCall, type Verdict } from '../../../../src/core/net/pacer';
import { burstFor, RateBudget } from '../../../../src/core/net/rate-budget';

class Failure extends Error {
  constructor(readonly verdict: Verdict) {
    super(`failure ${JSON.stringify(verdict)}`);
  }
}

function pacerWithClock(online: () => boolean = () => true) {
  let t = 0;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    t += ms;
  };
  const pacer = new Pacer({ now: () => t, sleep, random: () => 1, network: new NetworkGate(async () => online(), sleep) });
  return { pacer, waits, advance: (ms: number) => (t += ms) };
}

const spec = (overrides: Partial<PacedCall> = {}): PacedCall => ({
  bucket: null,
  budget: { transient: { retries: 2, baseMs: 100 }, throttled: { retries: 3, baseMs: 1000 } },
  classify: (error) => (error instanceof Failure ? error.verdict : { retry: false }),
  ...overrides,
});

/** An attempt that fails with the given verdicts in turn, then answers 'ok'. */
function script(...verdicts: Verdict[]) {
  let calls = 0;
  return {
    attempt: async () => {
      const verdict = verdicts[calls++];
      if (verdict) throw new Failure(verdict);
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('Pacer.call', () => {
  it('retries transient failures with equal-jitter backoff within their budget, then throws the last failure as is', async () => {
    const { pacer, waits } = pacerWithClock();
    const ok = script({ retry: 'transient' }, { retry: 'transient' });
    expect(await pacer.call(spec(), ok.attempt)).toBe('ok');
    expect(waits).toEqual([100, 200]);
    const spent = script({ retry: 'transient' }, { retry: 'transient' }, { retry: 'transient' });
    await expect(pacer.call(spec(), spent.attempt)).rejects.toThrow(/transient/);
    expect(spent.calls()).toBe(3);
  });

  it('waits as long as a throttling server asked (capped at 2 minutes), otherwise backs off from its own base', async () => {
    const { pacer, waits } = pacerWithClock();
    await pacer.call(spec(), script({ retry: 'throttled', retryAfterMs: 2500 }, { retry: 'throttled', retryAfterMs: 86_400_000 }, { retry: 'throttled' }).attempt);
    expect(waits).toEqual([2500, 120_000, 4000]);
  });

  it('counts a total budget across kinds', async () => {
    const { pacer } = pacerWithClock();
    const mixed = script({ retry: 'transient' }, { retry: 'throttled' }, { retry: 'transient' });
    await expect(pacer.call(spec({ budget: { ...spec().budget, total: 2 } }), mixed.attempt)).rejects.toThrow();
    expect(mixed.calls()).toBe(3);
  });

  it('does not retry what is not worth it, nor anything once the call was aborted', async () => {
    const { pacer } = pacerWithClock();
    const never = script({ retry: false });
    await expect(pacer.call(spec(), never.attempt)).rejects.toThrow();
    expect(never.calls()).toBe(1);
    const controller = new AbortController();
    controller.abort();
    const aborted = script({ retry: 'transient' });
    await expect(pacer.call(spec({ signal: controller.signal }), aborted.attempt)).rejects.toThrow();
    expect(aborted.calls()).toBe(1);
  });

  it('waits for the network without spending retries when the host is unreachable, and says so', async () => {
    let probes = 0;
    const { pacer, waits } = pacerWithClock(() => ++probes > 3); // the host answers from the fourth probe on
    const offline: boolean[] = [];
    const retries: Verdict[] = [];
    const flaky = script({ retry: 'offline', url: 'http://storage.test/p' });
    const call = pacer.call(spec({ budget: { transient: { retries: 0, baseMs: 1 }, throttled: { retries: 0, baseMs: 1 } }, onOffline: (w) => offline.push(w), onRetry: (v) => retries.push(v) }), async () => {
      const result = await flaky.attempt();
      return result;
    });
    expect(await call).toBe('ok');
    expect(retries).toEqual([]);
    expect(offline).toEqual([true, false]);
    expect(waits).toEqual([500, 1000]); // the network gate's own probing backoff, not a retry's
  });

  it('treats an "offline" failure on a reachable host as what it would be otherwise', async () => {
    const { pacer } = pacerWithClock(() => true);
    const seen: Verdict[] = [];
    await pacer.call(spec({ onRetry: (v) => seen.push(v) }), script({ retry: 'offline', url: 'http://s/p', ifReachable: 'throttled' }).attempt);
    expect(pacer.statistics().storage).toMatchObject({ calls: 2, retries: 1, throttled: 1 });
    expect(seen).toHaveLength(1);
  });

  it('after a 401, asks for a new token once for every call that got one, and retries them with it', async () => {
    const { pacer } = pacerWithClock();
    let asks = 0;
    pacer.credentials.setToken('old');
    pacer.credentials.setRenewer(async () => {
      asks++;
      return 'new';
    });
    const seenTokens: string[] = [];
    const call = () =>
      pacer.call(spec({ bucket: 'api' }), async (token) => {
        seenTokens.push(token);
        if (token === 'old') throw new Failure({ retry: 'unauthorized' });
        return token;
      });
    expect(await Promise.all([call(), call(), call()])).toEqual(['new', 'new', 'new']);
    expect(asks).toBe(1);
    expect(seenTokens.filter((t) => t === 'old')).toHaveLength(3);
  });

  it('gives up on a 401 when nobody can give a new token', async () => {
    const { pacer } = pacerWithClock();
    await expect(pacer.call(spec(), script({ retry: 'unauthorized' }).attempt)).rejects.toThrow(/unauthorized/);
  });

  it('holds calls of a bucket whose published budget is spent, and reports long holds', async () => {
    const slowDowns: number[] = [];
    let t = 0;
    const waits: number[] = [];
    const pacer = new Pacer({ now: () => t, sleep: async (ms) => { waits.push(ms); t += ms; }, onSlowDown: (ms) => slowDowns.push(ms) });
    pacer.observe('create', { limit: 3, remaining: 0, windowMs: 60_000 });
    await pacer.call(spec({ bucket: 'create', announceWaits: true }), async () => 'ok');
    expect(waits).toEqual([21_740]); // 3 calls a minute, paced at 92 %: one every 21.7 s
    expect(slowDowns).toEqual([21_740]);
    expect(pacer.publishedLimit('create')).toEqual({ calls: 3, windowMs: 60_000 });
  });
});

describe('RateBudget', () => {
  it('lets calls go until the budget is spent, counting calls still in flight, and refills at limit / window', () => {
    let t = 0;
    const budget = new RateBudget(() => t);
    expect(budget.reserve()).toBe(0); // nothing known yet: no pacing
    budget.observe({ limit: 5, remaining: 2, windowMs: 1000 });
    expect(budget.reserve()).toBe(0); // one at once (burstFor(5)), however many the server has left
    expect(budget.reserve()).toBe(218); // 5 a second, paced at 92 % of it
    t += 218;
    expect(budget.reserve()).toBe(0);
    budget.observe({ limit: 5, remaining: 4, windowMs: 1000 }); // the server cannot raise what we know is spent
    expect(budget.reserve()).toBe(218);
  });

  it('never puts more calls into a fixed window than its limit, even after a quiet spell (no 429 after the first window)', () => {
    for (const limit of [3, 5, 10, 100]) {
      let t = 0;
      const budget = new RateBudget(() => t);
      budget.observe({ limit, remaining: limit, windowMs: 1000 });
      const perWindow = new Map<number, number>();
      let seed = limit;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      for (let call = 0; call < 2000; call++) {
        // Now and then the caller has nothing to send for a while (a folder being created, a big file's bytes).
        if (random() < 0.05) t += Math.floor(random() * 3000);
        for (let wait = budget.reserve(); wait > 0; wait = budget.reserve()) t += wait;
        const window = Math.floor(t / 1000);
        perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
      }
      expect(Math.max(...perWindow.values()), `limit ${limit}`).toBeLessThanOrEqual(limit);
    }
    expect([3, 5, 10, 100].map(burstFor)).toEqual([1, 1, 1, 8]);
  });

  it("keeps the published pace when answers come back late: an answer's remaining is read as of its call", () => {
    // A server like the sandbox: a fixed window from the first call after the last one ended, 5 calls in it.
    const limit = 5;
    for (const latency of [0, 40, 155, 400]) {
      let t = 0;
      let window = { start: -Infinity, count: 0 };
      const budget = new RateBudget(() => t);
      budget.observe({ limit, remaining: limit, windowMs: 1000 });
      const answers: { at: number; sentAt: number; remaining: number }[] = [];
      const answer = () => {
        while (answers.length && (answers[0]?.at as number) <= t) {
          const a = answers.shift() as (typeof answers)[number];
          budget.observe({ limit, remaining: a.remaining, windowMs: 1000 }, a.sentAt);
        }
      };
      let sent = 0;
      let rejected = 0;
      while (t < 60_000) {
        answer();
        const wait = budget.reserve();
        if (wait > 0) {
          t = Math.min(t + wait, answers[0]?.at ?? Infinity);
          continue;
        }
        if (t - window.start >= 1000) window = { start: t, count: 0 };
        if (window.count < limit) window.count++;
        else rejected++;
        sent++;
        answers.push({ at: t + latency, sentAt: t, remaining: limit - window.count });
      }
      expect(rejected, `latency ${latency} ms`).toBe(0);
      // 92 % of the limit is the pace: 4.6 a second (the late "0"s made it about 4 at 155 ms).
      expect(sent / 60, `latency ${latency} ms`).toBeGreaterThanOrEqual(0.91 * limit);
    }
  });

  it("still lowers the budget when someone else spends it (an answer's remaining below our own count)", () => {
    let t = 0;
    const budget = new RateBudget(() => t);
    budget.observe({ limit: 10, remaining: 10, windowMs: 1000 });
    expect(budget.reserve()).toBe(0); // burstFor(10) = 1: the one token
    t += 500; // refilled since, capped at the burst: one call may go
    budget.observe({ limit: 10, remaining: 0, windowMs: 1000 }, 450); // another client spent the window: 0 at 450 ms
    // 0 at 450 ms, refilled 50 ms × 9.2/s = 0.46 since, nothing of ours sent after it: the call waits for the rest.
    expect(budget.reserve()).toBe(59);
  });

  it('after a 429, nothing is left until the bucket refills', () => {
    const t = 0;
    const budget = new RateBudget(() => t);
    budget.observe({ limit: 10, remaining: 9, windowMs: 1000 });
    budget.exhausted();
    expect(budget.reserve()).toBe(109);
  });
});

describe('Credentials', () => {
  it('renews once per token generation: a 401 for an older token just retries', async () => {
    const credentials = new Credentials('t1');
    let asks = 0;
    credentials.setRenewer(async () => `t${++asks + 1}`);
    const sentWith = credentials.generation;
    expect(await credentials.renew(sentWith)).toBe(true);
    expect(credentials.token).toBe('t2');
    expect(await credentials.renew(sentWith)).toBe(true); // renewed since: no second question
    expect(asks).toBe(1);
    credentials.setRenewer(async () => null);
    expect(await credentials.renew(credentials.generation)).toBe(false);
  });
});
