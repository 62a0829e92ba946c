import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';
import { writeJsonAtomic } from '../../../src/sandbox/util/atomic-json.js';
import { InFlight } from '../../../src/sandbox/util/in-flight.js';

describe('state writes after a sandbox is gone', () => {
  const dirs: string[] = [];
  afterEach(async () => {
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

  it('InFlight.idle waits for work started by pending work, and gives up after its timeout', async () => {
    const work = new InFlight();
    const order: string[] = [];
    work.add(
      (async () => {
        await new Promise((r) => setTimeout(r, 20));
        work.add(new Promise((r) => setTimeout(r, 20)).then(() => order.push('child')));
        order.push('parent');
      })(),
    );
    expect(await work.idle(1000)).toBe(true);
    expect(order).toEqual(['parent', 'child']);
    work.add(new Promise(() => undefined)); // never settles
    expect(await work.idle(30)).toBe(false);
  });
});
