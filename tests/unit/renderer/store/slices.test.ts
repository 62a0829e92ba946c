// One store of four slices, each the only writer of its own fields: another slice's state changes through that
// slice's actions, so every update of the store changes the fields of one slice.
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAuthSlice } from '../../../../src/renderer/store/auth-slice';
import { bindEvents } from '../../../../src/renderer/store/bind-events';
import { createBrowseSlice } from '../../../../src/renderer/store/browse-slice';
import { createAppStore, type AppState } from '../../../../src/renderer/store/index';
import type { SliceCreator } from '../../../../src/renderer/store/types';
import { createUiSlice } from '../../../../src/renderer/store/ui-slice';
import { createUploadsSlice } from '../../../../src/renderer/store/uploads-slice';
import { createFakeApi, GOOD_TOKEN, uploadRow } from '../fake-api';

const SLICES: Record<string, SliceCreator<object>> = { auth: createAuthSlice, browse: createBrowseSlice, uploads: createUploadsSlice, ui: createUiSlice };

/** Field (or action) name → the slice that declares it. */
function owners(): Map<string, string> {
  const owner = new Map<string, string>();
  for (const [slice, create] of Object.entries(SLICES)) {
    for (const key of Object.keys(create(() => undefined, () => ({}) as AppState, createFakeApi()))) owner.set(key, slice);
  }
  return owner;
}

describe('the store’s slices', () => {
  it('declare disjoint fields', () => {
    const declared = Object.values(SLICES).flatMap((create) => Object.keys(create(() => undefined, () => ({}) as AppState, createFakeApi())));
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('each update writes the fields of one slice only, through a session of browsing, dropping, uploading and retrying', async () => {
    const owner = owners();
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(api, store);
    const mixed: string[][] = [];
    store.subscribe((next, previous) => {
      const changed = (Object.keys(next) as Array<keyof AppState>).filter((key) => next[key] !== previous[key]);
      if (new Set(changed.map((key) => owner.get(key))).size > 1) mixed.push(changed);
    });

    await store.getState().signIn(GOOD_TOKEN);
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
    await store.getState().openNode('folder:f-day1');
    await store.getState().dropPaths(['/footage/B003.mov', '/footage/B004.mov'], { folderId: 'f-day1', accountId: 'acc-1', label: 'Demo Project › Day 1' });
    store.getState().setQueueOpen(false);
    await store.getState().confirmDrop('rename'); // opens the queue, and notes the batch's folder
    expect(store.getState().batchFolders).toEqual({ 'batch-1': 'f-day1' });
    api.pushRow(uploadRow(1, { status: 'uploading', sentBytes: 10 }));
    api.pushRow(uploadRow(1, { status: 'completed', assetId: 'a-b003' }));
    api.pushRow(uploadRow(2, { status: 'failed', error: 'socket hang up' }));
    api.browse.children.mockClear();
    await waitFor(() => expect(api.browse.children).toHaveBeenCalledWith({ folderId: 'f-day1', accountId: 'acc-1', cursor: null, pageSize: 200 }));
    await store.getState().retryFailed();
    store.getState().selectUpload(2);
    store.getState().setFilter('active');
    store.getState().clearFinished();
    await store.getState().createFolder('Dailies');
    store.getState().setSort('size');
    store.getState().setOnline(false);
    await store.getState().signOut();

    expect(mixed).toEqual([]);
  });
});
