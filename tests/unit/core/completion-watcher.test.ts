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

  it('asks about a lone file directly, and keeps asking until it is complete', async () => {
    const state = new Map([['solo', false]]);
    const { client, calls } = fakeClient(state);
    const watcher = new CompletionWatcher(client, { sleep: async () => { await tick(); state.set('solo', true); } });
    expect((await watcher.wait('solo', 'folder')).complete).toBe(true);
    expect(calls.list).toBe(0);
    expect(calls.get).toBeGreaterThanOrEqual(1);
  });

  it('gives up after the timeout with the asset id in the message', async () => {
    let t = 0;
    const { client } = fakeClient(new Map([['stuck', false]]));
    const watcher = new CompletionWatcher(client, { timeoutMs: 1000, now: () => t, sleep: async (ms) => { t += ms; await tick(); } });
    await expect(watcher.wait('stuck', 'folder')).rejects.toThrow(/asset stuck complete; check it before uploading again/);
  });
});
