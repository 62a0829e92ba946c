// The queue: a progress event replaces only the rows that changed, totals add up the way the summary reads them,
// controls reach main, and a finished upload refreshes the folder it went into (once, after the burst settles).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../../src/renderer/store/index';
import { countMoving, matchesFilter, type QueueFilter, queueTotals } from '../../../../src/renderer/store/uploads-slice';
import type { UploadRow } from '../../../../src/shared/ipc/schemas';
import { createFakeApi, uploadRow } from '../fake-api';
import { bindEvents } from '../../../../src/renderer/store/bind-events';
import { browsingStore, queueStore } from '../render';

const byId = (rows: UploadRow[]) => Object.fromEntries(rows.map((r) => [r.id, r])) as Record<number, UploadRow>;

describe('applyRows', () => {
  it('adds new rows in the order they arrive', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows([uploadRow(3), uploadRow(1)]);
    store.getState().applyRows([uploadRow(1, { status: 'uploading' }), uploadRow(7), uploadRow(2)]);
    expect(store.getState().order).toEqual([3, 1, 7, 2]);
    expect(Object.keys(store.getState().rows).map(Number).sort()).toEqual([1, 2, 3, 7]);
  });

  it('replaces only the rows that changed: the others keep their identity', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows([uploadRow(1), uploadRow(2), uploadRow(3)]);
    const before = store.getState();
    store.getState().applyRows([uploadRow(1), uploadRow(2, { status: 'uploading', sentBytes: 500 }), uploadRow(3)]);
    const after = store.getState();
    expect(after.rows).not.toBe(before.rows);
    expect(after.rows[1]).toBe(before.rows[1]);
    expect(after.rows[3]).toBe(before.rows[3]);
    expect(after.rows[2]).toMatchObject({ status: 'uploading', sentBytes: 500 });
    expect(after.order).toBe(before.order); // no new id: the same order array
  });

  it('keeps rows and order as they were when nothing changed', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows([uploadRow(1), uploadRow(2, { status: 'uploading', sentBytes: 10 })]);
    const before = store.getState();
    store.getState().applyRows([uploadRow(1), uploadRow(2, { status: 'uploading', sentBytes: 10 })]);
    store.getState().applyRows([]);
    expect(store.getState().rows).toBe(before.rows);
    expect(store.getState().order).toBe(before.order);
  });

  it('with nothing new, does not notify subscribers', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows([uploadRow(1)]);
    let notified = 0;
    store.subscribe(() => void notified++);
    store.getState().applyRows([uploadRow(1)]);
    expect(notified).toBe(0);
  });

  it('treats every field a row shows as a change', () => {
    const store = createAppStore(createFakeApi());
    const base = uploadRow(1, { status: 'uploading' });
    const changes: Array<Partial<UploadRow>> = [
      { sentBytes: 1 }, { acknowledgedBytes: 1 }, { bytesPerSecond: 5 }, { retries: 1 }, { error: 'x' }, { assetId: 'a-1' },
      { destination: 'Elsewhere' }, { name: 'renamed.mov' }, { status: 'paused' },
    ];
    for (const change of changes) {
      store.getState().applyRows([base]);
      const before = store.getState().rows[1];
      store.getState().applyRows([{ ...base, ...change }]);
      expect(store.getState().rows[1], JSON.stringify(change)).not.toBe(before);
    }
  });

  it('loadUploads takes the queue main already has (after a reload of the window)', async () => {
    const api = createFakeApi({ rows: [uploadRow(4, { status: 'uploading' }), uploadRow(5)] });
    const store = createAppStore(api);
    await store.getState().loadUploads();
    expect(store.getState().order).toEqual([4, 5]);
    expect(store.getState().rows[4]?.status).toBe('uploading');
  });
});

describe('queueTotals', () => {
  const rows = [
    uploadRow(1, { status: 'uploading', size: 1_000, acknowledgedBytes: 250, sentBytes: 300, bytesPerSecond: 100 }),
    uploadRow(2, { status: 'completed', size: 500, sentBytes: 0 }), // counts as all acknowledged
    uploadRow(3, { status: 'skipped', size: 700 }), // skipped and canceled move no bytes
    uploadRow(4, { status: 'canceled', size: 300, acknowledgedBytes: 100, sentBytes: 100 }),
    uploadRow(5, { status: 'failed', size: 200, acknowledgedBytes: 50, sentBytes: 150 }), // nothing sending once failed
    uploadRow(6, { status: 'uploading', size: 100, acknowledgedBytes: 400, sentBytes: 400, bytesPerSecond: 50 }), // never more than its size
  ];

  it('adds up files, states (in the shared status sets: canceled is unsuccessful, skipped succeeded), bytes, speed and the time left', () => {
    expect(queueTotals(byId(rows), rows.map((r) => r.id))).toEqual({
      files: 6, inProgress: 2, unsuccessful: 2, succeeded: 2, bytes: 1_800, acknowledgedBytes: 900, sendingBytes: 50, bytesPerSecond: 150, etaSeconds: 6,
    });
  });

  it('counts only the ids in the order, and has no ETA when nothing moves', () => {
    const totals = queueTotals(byId(rows), [2, 3, 99]);
    expect(totals).toMatchObject({ files: 2, inProgress: 0, succeeded: 2, bytes: 500, acknowledgedBytes: 500, sendingBytes: 0, etaSeconds: null });
    expect(queueTotals(byId(rows), [5]).etaSeconds).toBeNull();
    expect(queueTotals(byId([uploadRow(8, { status: 'queued', size: 10 })]), [8]).etaSeconds).toBeNull(); // in progress, 0 B/s
  });
});

describe('countMoving', () => {
  it('counts the rows in progress that the person has not paused (what leaving the account would stop)', () => {
    const queue = [
      uploadRow(1, { status: 'queued' }), uploadRow(2, { status: 'uploading' }), uploadRow(3, { status: 'offline' }), uploadRow(4, { status: 'paused' }),
      uploadRow(5, { status: 'confirming' }), uploadRow(6, { status: 'completed' }), uploadRow(7, { status: 'failed' }), uploadRow(8, { status: 'creating' }),
    ];
    expect(countMoving(byId(queue), queue.map((r) => r.id))).toBe(5);
    expect(countMoving(byId(queue), [4, 6, 7, 99])).toBe(0);
  });
});

describe('filters', () => {
  const statuses: Array<[UploadRow['status'], QueueFilter[]]> = [
    ['queued', ['all', 'active']], ['creating', ['all', 'active']], ['uploading', ['all', 'active']], ['paused', ['all', 'active']],
    ['offline', ['all', 'active']], ['confirming', ['all', 'active']], ['completed', ['all', 'done']], ['skipped', ['all', 'done']],
    ['failed', ['all', 'failed']], ['canceled', ['all', 'failed']],
  ];
  it.each(statuses)('a %s row shows under %j', (status, filters) => {
    const shown = (['all', 'active', 'failed', 'done'] as const).filter((f) => matchesFilter(uploadRow(1, { status }), f));
    expect(shown).toEqual(filters);
  });

  it('setFilter and selectUpload set what the panel shows', () => {
    const store = createAppStore(createFakeApi());
    store.getState().setFilter('failed');
    store.getState().selectUpload(4);
    expect(store.getState()).toMatchObject({ filter: 'failed', selectedUploadId: 4 });
  });
});

describe('controls', () => {
  const queue = () => [
    uploadRow(1, { status: 'uploading' }), uploadRow(2, { status: 'failed', error: 'ENOENT' }), uploadRow(3, { status: 'completed' }),
    uploadRow(4, { status: 'canceled' }), uploadRow(5, { status: 'skipped' }), uploadRow(6, { status: 'failed', error: 'EACCES' }),
  ];

  it('clearFinished drops completed, skipped and canceled rows, and a selection among them', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows(queue());
    store.getState().selectUpload(3);
    store.getState().clearFinished();
    expect(store.getState().order).toEqual([1, 2, 6]);
    expect(Object.keys(store.getState().rows).map(Number)).toEqual([1, 2, 6]);
    expect(store.getState().selectedUploadId).toBeNull();
  });

  it('clearFinished keeps a selection that is still there', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows(queue());
    store.getState().selectUpload(2);
    store.getState().clearFinished();
    expect(store.getState().selectedUploadId).toBe(2);
  });

  it('cleared rows stay cleared after the next enqueue reloads the queue', async () => {
    const api = createFakeApi({ rows: [uploadRow(1, { status: 'completed' }), uploadRow(2, { status: 'uploading' })] });
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().loadUploads();
    store.getState().clearFinished();
    expect(store.getState().order).toEqual([2]);
    await store.getState().dropPaths(['/footage/new.mov'], { folderId: 'f-day1', accountId: 'acc-1', label: 'Demo Project › Day 1' });
    await store.getState().confirmDrop('skip');
    expect(store.getState().order).not.toContain(1);
  });

  it('pause, resume and cancel go to main with the ids, or for everything', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().control('pause', [1]);
    await store.getState().control('resume');
    await store.getState().control('cancel', [1, 2]);
    expect(api.uploads.pause).toHaveBeenCalledWith({ ids: [1] });
    expect(api.uploads.resume).toHaveBeenCalledWith({});
    expect(api.uploads.cancel).toHaveBeenCalledWith({ ids: [1, 2] });
  });

  it('retrying a failed row keeps the row (same id, place, destination and batch folder), and it goes back to queued', async () => {
    const { api, store } = queueStore(queue());
    store.getState().noteBatchFolder('batch-1', 'f-day1');
    const before = store.getState().rows[2]!;
    await store.getState().control('retry', [2]);
    expect(api.uploads.retry).toHaveBeenCalledWith({ ids: [2] });
    const { order, rows, batchFolders } = store.getState();
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[2]).toMatchObject({ id: 2, status: 'queued', error: null, name: before.name, destination: before.destination, batchId: before.batchId });
    expect(batchFolders).toEqual({ 'batch-1': 'f-day1' });
    expect(rows[6]?.status).toBe('failed'); // only what was retried
  });

  it('retry of everything puts every failed and canceled row back to queued, each where it was', async () => {
    const { api, store } = queueStore(queue());
    await store.getState().control('retry');
    expect(api.uploads.retry).toHaveBeenCalledWith({});
    expect(store.getState().order).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.getState().order.map((id) => store.getState().rows[id]?.status)).toEqual(['uploading', 'queued', 'completed', 'queued', 'skipped', 'queued']);
  });

  it('retryFailed retries the failed rows only, not the canceled ones', async () => {
    const { api, store } = queueStore(queue());
    await store.getState().retryFailed();
    expect(api.uploads.retry).toHaveBeenCalledWith({ ids: [2, 6] });
    expect(store.getState().order).toEqual([1, 2, 3, 4, 5, 6]);
    expect([2, 4, 6].map((id) => store.getState().rows[id]?.status)).toEqual(['queued', 'canceled', 'queued']);
  });

  it('a cleared row stays gone while main lists it as finished, and comes back if main starts it again', async () => {
    const { api, store } = queueStore(queue());
    store.getState().clearFinished();
    expect(store.getState().order).toEqual([1, 2, 6]);
    await store.getState().loadUploads();
    expect(store.getState().order).toEqual([1, 2, 6]);
    await store.getState().control('retry'); // everything: the cleared canceled row 4 too
    expect(store.getState().order).toEqual([1, 2, 6, 4]);
    expect(store.getState().rows[4]?.status).toBe('queued');
    api.pushRow(uploadRow(3, { status: 'completed' }));
    expect(store.getState().rows[3]).toBeUndefined();
  });

  it('retryFailed with nothing failed asks main nothing', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.getState().applyRows([uploadRow(1, { status: 'completed' })]);
    await store.getState().retryFailed();
    expect(api.uploads.retry).not.toHaveBeenCalled();
  });

  it('a control main refuses is announced, and the rows stay', async () => {
    const api = createFakeApi();
    api.uploads.retry.mockRejectedValueOnce(new Error('not signed in'));
    const store = createAppStore(api);
    store.getState().applyRows(queue());
    await store.getState().control('retry', [2]);
    expect(store.getState().announcement).toBe('Could not retry: not signed in');
    expect(store.getState().order).toContain(2);
  });
});

describe('a finished upload refreshes its folder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const setUp = async () => {
    const api = createFakeApi({ rows: [uploadRow(1, { status: 'uploading' }), uploadRow(2, { status: 'uploading' })] });
    const store = await browsingStore(api, 'folder:f-day1');
    bindEvents(api, store);
    store.getState().noteBatchFolder('batch-1', 'f-day1');
    await store.getState().loadUploads();
    api.browse.children.mockClear();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    return { api, store };
  };

  it('once, 400 ms after the last of a burst of completions', async () => {
    const { api, store } = await setUp();
    store.getState().applyRows([uploadRow(1, { status: 'completed', assetId: 'a-new-1' })]);
    await vi.advanceTimersByTimeAsync(300);
    store.getState().applyRows([uploadRow(2, { status: 'skipped' })]);
    await vi.advanceTimersByTimeAsync(399);
    expect(api.browse.children).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.browse.children).toHaveBeenCalledTimes(1);
    expect(api.browse.children).toHaveBeenCalledWith({ folderId: 'f-day1', accountId: 'acc-1', cursor: null, pageSize: 200 });
    // Every other cached folder is stale now (counts, sizes): it reloads when next opened.
    expect(store.getState().folders['f-demo']?.complete).toBe(false);
  });

  it('also when the upload that completes is a retried one (the same row, in its batch)', async () => {
    const { api, store } = await setUp();
    api.pushRow(uploadRow(1, { status: 'failed', error: 'socket hang up' }));
    await store.getState().control('retry', [1]);
    expect(store.getState().rows[1]?.status).toBe('queued');
    api.pushRow(uploadRow(1, { status: 'uploading', sentBytes: 500_000 }));
    api.pushRow(uploadRow(1, { status: 'completed', assetId: 'a-new-1' }));
    await vi.advanceTimersByTimeAsync(400);
    expect(api.browse.children).toHaveBeenCalledTimes(1);
    expect(api.browse.children).toHaveBeenCalledWith({ folderId: 'f-day1', accountId: 'acc-1', cursor: null, pageSize: 200 });
  });

  it('not for progress, and not for rows of a batch it does not know', async () => {
    const { api, store } = await setUp();
    store.getState().applyRows([uploadRow(1, { status: 'uploading', sentBytes: 900 })]);
    store.getState().applyRows([uploadRow(3, { batchId: 'batch-other', status: 'uploading' })]);
    store.getState().applyRows([uploadRow(3, { batchId: 'batch-other', status: 'completed' })]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.browse.children).not.toHaveBeenCalled();
  });

  it('not a folder nobody has opened (it loads fresh when opened)', async () => {
    const { api, store } = await setUp();
    store.getState().noteBatchFolder('batch-1', 'f-never-opened');
    store.getState().applyRows([uploadRow(1, { status: 'completed' })]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.browse.children).not.toHaveBeenCalled();
    expect(store.getState().folders['f-day1']?.complete).toBe(false);
  });
});
