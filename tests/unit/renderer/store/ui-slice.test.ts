// A drop: no paths is explained, files get a pre-flight and then the person's choice goes to enqueue, and a new
// version (one file onto one file) starts at once with no pre-flight.
import { describe, expect, it } from 'vitest';
import type { DropTarget } from '../../../../src/renderer/store/ui-slice';
import type { Preflight } from '../../../../src/shared/ipc/schemas';
import { createFakeApi, deferred } from '../fake-api';
import { browsingStore } from '../render';

const DAY_1: DropTarget = { folderId: 'f-day1', accountId: 'acc-1', label: 'Demo Project › Day 1' };
const ONTO_B001: DropTarget = { ...DAY_1, versionOf: { assetId: 'a-b001', name: 'B001.mov' } };
const PATHS = ['/footage/B001.mov', '/footage/B003.mov'];

describe('dropPaths and confirmDrop', () => {
  it('explains a drop with no local paths, and asks main nothing', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    store.getState().setDragTarget(DAY_1);
    await store.getState().dropPaths([], DAY_1);
    expect(store.getState().dragTarget).toBeNull();
    expect(store.getState().pendingDrop).toEqual({
      paths: [], target: DAY_1, summary: null,
      error: 'These items have no location on disk (they may come from another app or a web page). Drag them from Finder or Explorer, or use Add files.',
    });
    expect(api.uploads.preflight).not.toHaveBeenCalled();
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
  });

  it('shows the pre-flight summary, then enqueues with the chosen conflict policy', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    const summary = deferred<Preflight>();
    api.uploads.preflight.mockReturnValueOnce(summary.promise);
    const dropping = store.getState().dropPaths(PATHS, DAY_1);
    expect(store.getState().pendingDrop).toEqual({ paths: PATHS, target: DAY_1, summary: null, error: null }); // "Looking at what you dropped…"
    const answer: Preflight = { files: 2, folders: 0, totalBytes: 2_000_000, skippedJunk: 0, problems: [], clashes: ['B001.mov'] };
    summary.resolve(answer);
    await dropping;
    expect(api.uploads.preflight).toHaveBeenCalledWith({ paths: PATHS, folderId: 'f-day1', accountId: 'acc-1' });
    expect(store.getState().pendingDrop).toEqual({ paths: PATHS, target: DAY_1, summary: answer, error: null });

    store.setState({ queueOpen: false });
    await store.getState().confirmDrop('rename');
    expect(api.uploads.enqueue).toHaveBeenCalledWith({ paths: PATHS, folderId: 'f-day1', accountId: 'acc-1', onConflict: 'rename' });
    const { pendingDrop, batchFolders, queueOpen, announcement, order } = store.getState();
    expect(pendingDrop).toBeNull();
    expect(batchFolders).toEqual({ 'batch-1': 'f-day1' });
    expect(queueOpen).toBe(true);
    expect(announcement).toBe('Uploading 2 files to Demo Project › Day 1');
    expect(order).toEqual([1, 2]); // the queue reloaded with the new batch's rows
  });

  it('says "1 file" for one', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().dropPaths(['/footage/B003.mov'], DAY_1);
    await store.getState().confirmDrop('skip');
    expect(api.uploads.enqueue).toHaveBeenCalledWith({ paths: ['/footage/B003.mov'], folderId: 'f-day1', accountId: 'acc-1', onConflict: 'skip' });
    expect(store.getState().announcement).toBe('Uploading 1 file to Demo Project › Day 1');
  });

  it('a pre-flight with no files says why, from its first problem', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    api.uploads.preflight.mockResolvedValueOnce({ files: 0, folders: 0, totalBytes: 0, skippedJunk: 1, problems: ['/footage/locked.mov: permission denied'], clashes: [] });
    await store.getState().dropPaths(['/footage/locked.mov'], DAY_1);
    expect(store.getState().pendingDrop?.error).toBe('/footage/locked.mov: permission denied');
    api.uploads.preflight.mockResolvedValueOnce({ files: 0, folders: 0, totalBytes: 0, skippedJunk: 3, problems: [], clashes: [] });
    await store.getState().dropPaths(['/footage/.DS_Store'], DAY_1);
    expect(store.getState().pendingDrop?.error).toBe('Nothing to upload: no readable files in what you dropped.');
  });

  it('a pre-flight main refuses becomes the sheet’s error', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    api.uploads.preflight.mockRejectedValueOnce(new Error('not signed in'));
    await store.getState().dropPaths(PATHS, DAY_1);
    expect(store.getState().pendingDrop).toEqual({ paths: PATHS, target: DAY_1, summary: null, error: 'not signed in' });
  });

  it('a late pre-flight of an earlier drop does not replace the newer drop', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    const slow = deferred<Preflight>();
    api.uploads.preflight.mockReturnValueOnce(slow.promise);
    const first = store.getState().dropPaths(['/a.mov'], DAY_1);
    await store.getState().dropPaths(['/b.mov'], DAY_1);
    slow.resolve({ files: 1, folders: 0, totalBytes: 1, skippedJunk: 0, problems: [], clashes: [] });
    await first;
    expect(store.getState().pendingDrop?.paths).toEqual(['/b.mov']);
  });

  it('an enqueue that fails puts the sheet back with the error', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().dropPaths(PATHS, DAY_1);
    api.uploads.enqueue.mockRejectedValueOnce(new Error('the upload could not start'));
    await store.getState().confirmDrop('skip');
    expect(store.getState().pendingDrop).toMatchObject({ paths: PATHS, error: 'the upload could not start' });
    expect(store.getState().order).toEqual([]);
  });

  it('cancelDrop closes the sheet; confirmDrop with nothing pending does nothing', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().dropPaths(PATHS, DAY_1);
    store.getState().cancelDrop();
    expect(store.getState().pendingDrop).toBeNull();
    await store.getState().confirmDrop('skip');
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
  });
});

describe('a drop onto a file: a new version', () => {
  it('two files onto one file go into the folder instead, through the usual pre-flight', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().dropPaths(PATHS, ONTO_B001);
    expect(api.uploads.preflight).toHaveBeenCalledWith({ paths: PATHS, folderId: 'f-day1', accountId: 'acc-1' });
    expect(store.getState().pendingDrop?.target).toEqual({ folderId: 'f-day1', accountId: 'acc-1', label: ONTO_B001.label });
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
  });

  it('a folder onto a file goes into the folder, not onto the file as versions', async () => {
    const api = createFakeApi();
    api.uploads.preflight.mockResolvedValueOnce({ files: 3, folders: 1, totalBytes: 3, skippedJunk: 0, problems: [], clashes: [] });
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().dropPaths(['/footage/Day 2'], ONTO_B001);
    expect(store.getState().pendingDrop?.target.versionOf).toBeUndefined();
  });

  it('one file is confirmed in the sheet, then sent as a version with no conflict policy', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().dropPaths(['/footage/B001_v2.mov'], ONTO_B001);
    expect(store.getState().pendingDrop).toMatchObject({ target: ONTO_B001, error: null, summary: { files: 1 } });
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
    await store.getState().confirmDrop('version');
    expect(api.uploads.enqueue).toHaveBeenCalledWith({ paths: ['/footage/B001_v2.mov'], folderId: 'f-day1', accountId: 'acc-1', versionOf: 'a-b001' });
    expect(store.getState().pendingDrop).toBeNull();
    expect(store.getState().announcement).toBe('Uploading 1 file to Demo Project › Day 1');
  });

  it('a version main refuses shows its error', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    api.uploads.enqueue.mockRejectedValueOnce(new Error('B001.mov is not a file'));
    await store.getState().dropPaths(['/footage/B001_v2.mov'], ONTO_B001);
    await store.getState().confirmDrop('version');
    expect(store.getState().pendingDrop).toMatchObject({ target: ONTO_B001, error: 'B001.mov is not a file' });
  });
});

describe('the rest of the window', () => {
  it('setDragTarget leaves the state alone for the same place (dragover fires many times a second)', async () => {
    const store = await browsingStore(createFakeApi());
    store.getState().setDragTarget(DAY_1);
    const before = store.getState();
    store.getState().setDragTarget({ ...DAY_1 });
    expect(store.getState()).toBe(before);
    store.getState().setDragTarget(ONTO_B001);
    expect(store.getState().dragTarget).toEqual(ONTO_B001);
    store.getState().setDragTarget(null);
    expect(store.getState().dragTarget).toBeNull();
  });

  it('loads settings and saves a theme through main', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    await store.getState().loadSettings();
    expect(store.getState().settings?.theme).toBe('system');
    await store.getState().setTheme('dark');
    expect(api.settings.set).toHaveBeenCalledWith({ theme: 'dark' });
    expect(store.getState().settings?.theme).toBe('dark');
  });

  it('setOnline, announce and setQueueOpen', async () => {
    const store = await browsingStore(createFakeApi());
    store.getState().setOnline(false);
    store.getState().announce('Folder Dailies created');
    store.getState().setQueueOpen(false);
    expect(store.getState()).toMatchObject({ online: false, announcement: 'Folder Dailies created', queueOpen: false });
  });
});
