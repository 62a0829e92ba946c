// The network gate's outage loop with a scripted probe and a sleep that only ends when the test says so (or when
// its signal is aborted): recheckNow() cuts the backoff short, and the backoff starts over after it.
import { describe, expect, it } from 'vitest';
import { NetworkGate } from '../../../../src/core/net/network-gate';

const URL = 'http://storage.test:9000/bucket/part';

/** A probe answering from a script (or held until `answerProbe` when the script runs out) and a sleep that records its
 * delay and waits to be ended or aborted. `calls(n)` resolves once the gate has made n calls in all, so the test
 * follows the loop step by step, without timers. */
function harness(answers: boolean[]) {
  const log: string[] = [];
  const sleeps: Array<{ ms: number; end: () => void; aborted: boolean }> = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const record = (entry: string) => {
    log.push(entry);
    for (const w of waiters.filter((w) => log.length >= w.n)) w.resolve();
  };
  const calls = (n: number) => new Promise<void>((resolve) => (log.length >= n ? resolve() : waiters.push({ n, resolve })));
  let heldProbe: ((ok: boolean) => void) | null = null;
  const probe = () =>
    new Promise<boolean>((resolve) => {
      const answer = answers.shift();
      if (answer === undefined) heldProbe = resolve;
      else resolve(answer);
      record('probe');
    });
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const entry = { ms, end: resolve, aborted: false };
      sleeps.push(entry);
      const abort = () => {
        entry.aborted = true;
        reject(new Error('woken'));
      };
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
      record(`sleep ${ms}`);
    });
  const answerProbe = (ok: boolean) => {
    heldProbe?.(ok);
    heldProbe = null;
  };
  return { gate: new NetworkGate(probe, sleep), log, sleeps, calls, answerProbe };
}

describe('NetworkGate.recheckNow', () => {
  it('cuts the backoff sleep short and probes at once', async () => {
    const h = harness([false, true]);
    const waiting = h.gate.waitUntilOnline(URL);
    await h.calls(2); // probe: down; sleeping 500 ms
    h.gate.recheckNow();
    await waiting; // back without the sleep ever ending by itself
    expect(h.log).toEqual(['probe', 'sleep 500', 'probe']);
    expect(h.sleeps[0]?.aborted).toBe(true);
    expect(h.gate.online).toBe(true);
  });

  it('starts the backoff over after a recheck that finds the network still down', async () => {
    const h = harness([false, false, false, true]);
    const waiting = h.gate.waitUntilOnline(URL);
    await h.calls(2);
    h.sleeps[0]?.end();
    await h.calls(4); // probe: down; sleeping 1000 ms
    h.gate.recheckNow();
    await h.calls(6); // probe: down; sleeping again — 500 ms, not 2000
    expect(h.log).toEqual(['probe', 'sleep 500', 'probe', 'sleep 1000', 'probe', 'sleep 500']);
    expect(h.sleeps.map((s) => s.aborted)).toEqual([false, true, false]);
    h.sleeps[2]?.end();
    await waiting;
    expect(h.log).toHaveLength(7);
  });

  it('a recheck that arrives while a probe is running skips the next sleep', async () => {
    const h = harness([]); // every probe is held until answered
    const waiting = h.gate.waitUntilOnline(URL);
    await h.calls(1); // probe in flight
    h.gate.recheckNow();
    h.answerProbe(false);
    await h.calls(2);
    expect(h.log).toEqual(['probe', 'probe']); // no sleep in between
    h.answerProbe(true);
    await waiting;
    expect(h.gate.online).toBe(true);
  });

  it('does nothing outside an outage, and reports the outage once each way', async () => {
    const h = harness([false, true]);
    const changes: boolean[] = [];
    h.gate.onChange((online) => changes.push(online));
    h.gate.recheckNow();
    expect(h.log).toEqual([]);
    const a = h.gate.waitUntilOnline(URL);
    const b = h.gate.waitUntilOnline(URL); // a second file waiting shares the same outage
    await h.calls(2);
    h.gate.recheckNow();
    await Promise.all([a, b]);
    expect(changes).toEqual([false, true]);
    h.gate.recheckNow(); // over: still nothing to do
    expect(h.log).toEqual(['probe', 'sleep 500', 'probe']);
  });
});
