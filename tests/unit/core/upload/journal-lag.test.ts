import { describe, expect, it } from 'vitest';
import { BatchJournal } from '../../../../src/core/upload/batch-journal';
import type { BatchRecord } from '../../../../src/core/upload/journal';
import { type PartSlot } from '../../../../src/core/upload/journal-lag';
import { batchRecord } from '../../../support/journal-records';

/** A journal whose writes take as long as the test says (a starved process, a slow disk). */
function slowJournal() {
  const finish: Array<() => void> = [];
  let writes = 0;
  return {
    finish,
    get writes() {
      return writes;
    },
    journal: {
      dir: '/journal',
      write: (_batch: BatchRecord) => {
        writes++;
        return new Promise<void>((resolve) => finish.push(resolve));
      },
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the journal staleness bound', () => {
  it('lets at most `limit` parts be in flight or acknowledged-but-unjournaled, whatever the write takes', async () => {
    const slow = slowJournal();
    const writer = new BatchJournal(slow.journal, batchRecord('lag'), () => [], () => {}, 4);
    const slots: PartSlot[] = [];
    for (let i = 0; i < 4; i++) slots.push(await writer.reservePart());
    for (const slot of slots) slot.acknowledged();
    expect(writer.lag.pending).toBe(4);
    let fifth: PartSlot | null = null;
    void writer.reservePart().then((s) => (fifth = s));
    await tick();
    expect(fifth).toBeNull(); // no room until the four acknowledgements are on disk
    expect(slow.writes).toBe(1); // and waiting for room started that write at once, not after the timer
    slow.finish.shift()?.();
    await tick();
    await tick();
    expect(fifth).not.toBeNull();
    expect(writer.lag.pending).toBe(0);
  });

  it('frees the place of a part that failed or was aborted without a write', async () => {
    const slow = slowJournal();
    const writer = new BatchJournal(slow.journal, batchRecord('lag2'), () => [], () => {}, 1);
    const first = await writer.reservePart();
    let second: PartSlot | null = null;
    void writer.reservePart().then((s) => (second = s));
    await tick();
    expect(second).toBeNull();
    first.release();
    first.acknowledged(); // a second settle of the same slot changes nothing
    await tick();
    expect(second).not.toBeNull();
    expect(writer.lag.pending).toBe(0);
    expect(slow.writes).toBe(0);
  });
});
