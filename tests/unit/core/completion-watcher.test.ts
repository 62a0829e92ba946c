import { describe, expect, it } from 'vitest';
import type { Asset, FrameioClient } from '../../../src/core/frameio/types';
import { CompletionWatcher } from '../../../src/core/upload/completion-watcher';

const asset = (id: string, complete: boolean): Asset => ({
  id, name: id, type: 'file', parentId: 'folder', projectId: null, size: 1, mediaType: null, itemCount: null,
  uploadComplete: complete, originalUrl: null, xxHash: null, createdAt: null, updatedAt: null,
});

function fakeClient(state: Map<string, boolean>) {
  const calls = { list: 0, get: 0 };
  const client = {
    listFiles: async () => {
      calls.list++;
      return [...state].map(([id, complete]) => asset(id, complete));
    },
    uploadState: async (id: string) => {
      calls.get++;
      return { id, complete: state.get(id) ?? false, xxHash: null };
    },
  } as unknown as FrameioClient;
  return { client, calls };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('CompletionWatcher', () => {
  it('confirms files waiting in one folder with one listing, not one call each', async () => {
    const state = new Map([['a', true], ['b', true], ['c', true], ['other', true]]);
    const { client, calls } = fakeClient(state);
    const watcher = new CompletionWatcher(client, { sleep: tick });
    const done = await Promise.all(['a', 'b', 'c'].map((id) => watcher.wait(id, 'folder')));
    expect(done.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual({ list: 1, get: 0 });
  });

  it('confirms a lone file in a small folder by listing it, and keeps looking until it is complete', async () => {
    const state = new Map([['solo', false]]);
    const { client, calls } = fakeClient(state);
    const watcher = new CompletionWatcher(client, { sleep: async () => { await tick(); if (calls.list > 0) state.set('solo', true); } });
    expect((await watcher.wait('solo', 'folder')).complete).toBe(true);
    expect(calls.list).toBeGreaterThanOrEqual(2);
    expect(calls.get).toBe(0);
  });

  it('asks about a few files in a big folder directly instead of listing its many pages', async () => {
    const state = new Map(Array.from({ length: 350 }, (_, i) => [`old${i}`, true] as [string, boolean]));
    state.set('a', true);
    const { client, calls } = fakeClient(state);
    const watcher = new CompletionWatcher(client, { sleep: tick });
    await Promise.all(['a', 'old1'].map((id) => watcher.wait(id, 'folder'))); // 2 waiters ≥ 1 page: listed, learns 351 items
    expect(calls).toEqual({ list: 1, get: 0 });
    await watcher.wait('a', 'folder'); // 1 waiter < 4 pages: one direct read
    expect(calls).toEqual({ list: 1, get: 1 });
  });

  it('while other bytes are in flight, lets files gather for a second and confirms them with one listing', async () => {
    const state = new Map<string, boolean>();
    const { client, calls } = fakeClient(state);
    let busy = true;
    const ticks: Array<() => void> = [];
    // The watcher's clock is its sleeps: each tick (50 ms) is let go by the test.
    const watcher = new CompletionWatcher(client, { sleep: () => new Promise<void>((r) => ticks.push(r)), quiet: () => !busy });
    const advance = async (ms: number) => {
      for (let n = 0; n < ms / 50; n++) {
        while (ticks.length === 0) await tick();
        ticks.shift()?.();
        await tick();
        await tick();
      }
    };
    const confirmed: string[] = [];
    const waits: Promise<unknown>[] = [];
    // A file finishes every 100 ms for 3 s (the test's clock): each is complete on Frame.io at once.
    for (let i = 0; i < 30; i++) {
      state.set(`f${i}`, true);
      waits.push(watcher.wait(`f${i}`, 'folder').then(() => confirmed.push(`f${i}`)));
      await advance(100);
    }
    expect(confirmed.length).toBeGreaterThanOrEqual(18); // confirmed while the others were still going
    busy = false;
    let all = false;
    void Promise.all(waits).then(() => (all = true));
    while (!all) await advance(50);
    expect(confirmed).toHaveLength(30);
    expect(calls.get).toBe(0);
    expect(calls.list).toBeLessThanOrEqual(4); // about one per second, not one per file
  });

  it('with nothing else in flight, looks at once (no gathering at the end of a batch)', async () => {
    let slept = 0;
    const { client } = fakeClient(new Map([['last', true]]));
    const watcher = new CompletionWatcher(client, { sleep: async (ms) => { slept += ms; await tick(); }, quiet: () => true });
    await watcher.wait('last', 'folder');
    expect(slept).toBeLessThanOrEqual(150);
  });

  it('gives up after the timeout with the asset id in the message', async () => {
    let t = 0;
    const { client } = fakeClient(new Map([['stuck', false]]));
    const watcher = new CompletionWatcher(client, { timeoutMs: 1000, now: () => t, sleep: async (ms) => { t += ms; await tick(); } });
    await expect(watcher.wait('stuck', 'folder')).rejects.toThrow(/asset stuck complete; check it before uploading again/);
  });
});
