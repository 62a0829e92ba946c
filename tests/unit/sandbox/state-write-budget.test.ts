// The sandbox's state.json is written whole, so each write costs O(assets). A fixed 100 ms between writes made a
// 20,000-file upload spend most of the sandbox's time rewriting it (O(N) ten times a second over a run that itself
// grows with N). The wait after a write now grows with that write's cost, keeping writes under a tenth of the time.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { SAVE_DELAY_MS, SAVE_IDLE_FACTOR, saveDelayAfter, Store } from '../../../src/sandbox/state/store.js';
import type { AssetRecord } from '../../../src/sandbox/state/types.js';

const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const asset = (i: number, parentId: string): AssetRecord => ({
  id: `asset-${i}-${'x'.repeat(24)}`, name: `f${i}.bin`, type: 'file', parentId, projectId: 'p', seq: i, filesize: 1000, filetype: 'application/octet-stream',
  partCount: 1, insertedAt: '2026-12-07T00:00:00.000Z', updatedAt: '2026-12-07T00:00:00.000Z', uploadCompletedAt: '2026-12-07T00:00:00.000Z',
  versionNumber: null, creatorId: 'u', source: null, xxHash: '0123456789abcdef',
});

describe('state.json writes', () => {
  it('wait at least 100 ms, and nine times as long as the last write took', () => {
    expect(saveDelayAfter(0)).toBe(SAVE_DELAY_MS);
    expect(saveDelayAfter(5)).toBe(SAVE_DELAY_MS);
    expect(saveDelayAfter(50)).toBe(50 * SAVE_IDLE_FACTOR);
  });

  it('a big state is not rewritten every 100 ms: the next write waits for its own cost', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const dir = await mkdtemp(join(tmpdir(), 'ferry-sb-budget-'));
    dirs.push(dir);
    const seeded = seedState('fio-u-x').state;
    const root = seeded.projects[0]?.rootAssetId as string;
    const store = Store.create(dir, seeded);
    // Enough assets that one write takes well over 100 ms / 9 on any machine this runs on.
    for (let i = 0; i < 60_000; i++) store.addAsset(asset(i, root));
    const started = performance.now();
    store.flush();
    const writeMs = performance.now() - started;
    expect(writeMs).toBeGreaterThan((2 * SAVE_DELAY_MS) / SAVE_IDLE_FACTOR);
    store.state.token = 'changed';
    store.save();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).not.toContain('"changed"'); // not yet: 100 ms is too soon
    await vi.advanceTimersByTimeAsync(60_000);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toContain('"changed"'); // but it does come
    store.close();
  }, 30_000); // three writes of 60,000 assets, on a machine busy with other tests
});
