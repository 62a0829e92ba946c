import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';
import { writeJsonAtomic } from '../../../src/sandbox/util/atomic-json.js';
import { InFlight } from '../../../src/sandbox/util/in-flight.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('state writes after a sandbox is gone', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-sb-unit-'));
    dirs.push(dir);
    return dir;
  }

  it('writeJsonAtomic never recreates a removed folder', async () => {
    const dir = await tempDir();
    const gone = join(dir, 'removed-data');
    expect(() => writeJsonAtomic(join(gone, 'state.json'), { a: 1 })).toThrow(/ENOENT/);
    expect(existsSync(gone)).toBe(false);
    writeJsonAtomic(join(dir, 'state.json'), { a: 1 });
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))).toEqual({ a: 1 });
  });

  it('a closed Store no longer writes state.json', async () => {
    const dir = await tempDir();
    const store = Store.create(dir, seedState('fio-u-x').state);
    const before = readFileSync(join(dir, 'state.json'), 'utf8');
    store.close();
    store.state.token = 'changed';
    store.save();
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(before);
  });

  it('InFlight.idle waits for work started by pending work', async () => {
    const work = new InFlight();
    const order: string[] = [];
    const parentGate = deferred();
    const childGate = deferred();
    work.add(
      (async () => {
        await parentGate.promise;
        work.add(childGate.promise.then(() => order.push('child')));
        order.push('parent');
      })(),
    );
    // What had happened when idle() answered: the child too, though it was added after idle() began.
    const idle = work.idle(60_000).then((drained) => ({ drained, order: [...order] }));
    parentGate.resolve();
    await vi.waitFor(() => expect(order).toEqual(['parent']));
    childGate.resolve();
    expect(await idle).toEqual({ drained: true, order: ['parent', 'child'] });
  });

  it('InFlight.idle gives up after its timeout', async () => {
    vi.useFakeTimers();
    const work = new InFlight();
    work.add(new Promise(() => undefined)); // never settles
    let answer: boolean | undefined;
    const idle = work.idle(30).then((drained) => (answer = drained));
    await vi.advanceTimersByTimeAsync(29);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await idle;
    expect(answer).toBe(false);
  });
});
