import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/sandbox/util/slots.js';

describe('Slots', () => {
  it('lets `size` in, queues the rest in order, and a freed slot goes to the next waiter', async () => {
    const slots = new Slots(2);
    const signal = new AbortController().signal;
    const a = await slots.take(signal);
    const b = await slots.take(signal);
    const order: string[] = [];
    const c = slots.take(signal).then((r) => (order.push('c'), r));
    const d = slots.take(signal).then((r) => (order.push('d'), r));
    expect(slots.holders).toBe(2);
    a?.();
    a?.(); // a second call frees nothing more
    const freeC = await c;
    expect(order).toEqual(['c']);
    expect(slots.holders).toBe(2);
    b?.();
    (await d)?.();
    freeC?.();
    expect(slots.holders).toBe(0);
  });

  it('a waiter whose signal aborts leaves the queue with nothing, and does not take a slot later', async () => {
    const slots = new Slots(1);
    const first = await slots.take(new AbortController().signal);
    const closing = new AbortController();
    const waiting = slots.take(closing.signal);
    closing.abort();
    expect(await waiting).toBeUndefined();
    first?.();
    expect(slots.holders).toBe(0);
    expect(await slots.take(closing.signal)).toBeUndefined();
  });
});
