// Regressions: each of these failed on the first renderer (found by review) and asserts the behaviour it should have.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/app';
import { ContentsTable } from '../../../src/renderer/features/browser/contents-table';
import { FolderTree } from '../../../src/renderer/features/browser/folder-tree';
import { humanError } from '../../../src/renderer/features/uploads/row-status';
import { QueuePanel } from '../../../src/renderer/features/uploads/queue-panel';
import { formatBytes, formatEta } from '../../../src/renderer/format';
import { createAppStore } from '../../../src/renderer/store/index';
import { createFakeApi, SIGNED_IN, uploadRow } from './fake-api';
import { browsingStore, renderWithStore } from './render';

describe('renderer regressions', () => {
  it('P1 App: a failing auth:status is shown, not a spinner forever', async () => {
    const api = createFakeApi();
    api.auth.status.mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:443'));
    const store = createAppStore(api);
    renderWithStore(<App />, api, store);
    await act(() => store.getState().loadAuth());
    expect(store.getState().authError).toBe('Could not reach Frame.io. Check your internet connection and try again.');
    expect(screen.queryByText(/Could not reach Frame.io/)).not.toBeNull();
  });

  it('P2 App: a failing browse:accounts is shown', async () => {
    const api = createFakeApi();
    api.browse.accounts.mockRejectedValueOnce(new Error('Could not reach Frame.io'));
    const store = createAppStore(api);
    store.setState({ auth: SIGNED_IN });
    renderWithStore(<App />, api, store);
    await act(() => store.getState().loadRoots());
    expect(store.getState().browseError).toBe('Could not reach Frame.io');
    expect(screen.queryByText(/Could not reach Frame.io/)).not.toBeNull();
  });

  it('P3 ContentsTable: after Enter opens a folder, one row is the tab stop', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'project:p-demo');
    const user = userEvent.setup();
    renderWithStore(<ContentsTable />, api, store);
    const rows = () => within(screen.getByRole('grid')).getAllByRole('row').filter((r) => r.dataset.index !== undefined);
    act(() => rows()[0]!.focus());
    await user.keyboard('{ArrowDown}'); // Day 2
    await user.keyboard('{Enter}');
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day2'));
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });

  it('P4 ContentsTable: after Enter opens a folder, the keyboard focus stays in the grid', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'project:p-demo');
    const user = userEvent.setup();
    renderWithStore(<ContentsTable />, api, store);
    const rows = () => within(screen.getByRole('grid')).getAllByRole('row').filter((r) => r.dataset.index !== undefined);
    act(() => rows()[0]!.focus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day1'));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('grid').contains(document.activeElement)).toBe(true);
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
  });

  it('P5 FolderTree: after clicking a row’s twisty, arrows move from that row', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    const user = userEvent.setup();
    renderWithStore(<FolderTree />, api, store);
    const day1 = screen.getByRole('treeitem', { name: 'Day 1' });
    await user.click(day1.querySelector('.tree__twisty')!);
    await waitFor(() => screen.getByRole('treeitem', { name: 'Selects' }));
    expect(document.activeElement).toBe(screen.getByRole('treeitem', { name: 'Day 1' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('treeitem', { name: 'Selects' }));
  });

  it('P6 clearFinished stays cleared after the next enqueue reloads the queue', async () => {
    const api = createFakeApi({ rows: [uploadRow(1, { status: 'completed' }), uploadRow(2, { status: 'uploading' })] });
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().loadUploads();
    store.getState().clearFinished();
    expect(store.getState().order).toEqual([2]);
    await store.getState().dropPaths(['/footage/new.mov'], { folderId: 'f-day1', label: 'Demo Project › Day 1' });
    await store.getState().confirmDrop('skip');
    expect(store.getState().order).not.toContain(1);
  });

  it('P7 applyRows with nothing new does not notify subscribers', () => {
    const store = createAppStore(createFakeApi());
    store.getState().applyRows([uploadRow(1)]);
    let notified = 0;
    store.subscribe(() => void notified++);
    store.getState().applyRows([uploadRow(1)]);
    expect(notified).toBe(0);
  });

  it('P8 formatBytes rounds into the next unit', () => {
    expect(formatBytes(999_999)).toBe('1.0 MB');
    expect(formatBytes(99_960)).toBe('100 KB');
  });

  it('P9 formatEta never says "60 s left"', () => {
    expect(formatEta(58)).not.toBe('60 s left');
  });

  it('P10 humanError: a JSON parse error is not about the sign-in token', () => {
    expect(humanError('Unexpected token < in JSON at position 0')).not.toMatch(/sign in again/);
    expect(humanError('B401_C002.mov: socket hang up')).not.toMatch(/sign in again/);
  });

  it('P11 a retried upload that completes refreshes its folder', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    store.setState({ batchFolders: { 'batch-1': 'f-day1' } });
    store.getState().applyRows([uploadRow(1, { status: 'failed' })]);
    await store.getState().control('retry', [1]);
    store.getState().applyRows([uploadRow(7, { batchId: 'batch-retry', status: 'uploading', name: 'clip-1.mov' })]);
    api.browse.children.mockClear();
    store.getState().applyRows([uploadRow(7, { batchId: 'batch-retry', status: 'completed', name: 'clip-1.mov' })]);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.browse.children).toHaveBeenCalled();
  });

  it('P12 Shift+R retries too', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.getState().applyRows([uploadRow(1, { status: 'failed' })]);
    const user = userEvent.setup();
    renderWithStore(<QueuePanel />, api, store);
    await user.click(within(screen.getByRole('grid')).getByRole('row'));
    await user.keyboard('R');
    expect(api.uploads.retry).toHaveBeenCalled();
  });
});

describe('a new session', () => {
  it('starts the queue over: rows, hidden ids and selection of the last account are gone, and the new list is loaded', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.getState().setAuth(SIGNED_IN);
    store.getState().applyRows([uploadRow(0, { status: 'completed' }), uploadRow(1, { status: 'uploading' })]);
    store.getState().clearFinished();
    store.getState().selectUpload(1);
    api.uploads.list.mockClear();
    store.getState().setAuth({ ...SIGNED_IN, apiUrl: 'http://127.0.0.1:9/v2', sandbox: true, user: { id: 'sandbox', name: 'Demo User', email: 'demo@ferry.invalid' } });
    expect(store.getState().order).toEqual([]);
    expect(store.getState().selectedUploadId).toBeNull();
    expect(api.uploads.list).toHaveBeenCalled();
    store.getState().applyRows([uploadRow(0, { name: 'x.mov' })]); // file ids restart at 0 in the new engine
    expect(store.getState().order).toEqual([0]);
  });
});

describe('refreshing the open folder', () => {
  it('keeps the old listing until the new one is complete (the grid does not empty or jump)', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    const before = store.getState().folders['f-day1']!.items;
    expect(before.length).toBeGreaterThan(0);
    const seen: number[] = [];
    const off = store.subscribe((s) => seen.push(s.folders['f-day1']!.items.length));
    await store.getState().loadFolder('f-day1', true);
    off();
    expect(seen.every((n) => n > 0)).toBe(true);
    expect(store.getState().folders['f-day1']!.complete).toBe(true);
  });
});

describe('the pre-flight sheet is a real modal', () => {
  it('keeps Tab inside and gives focus back when it closes', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    const user = userEvent.setup();
    const { PreflightSheet } = await import('../../../src/renderer/features/drop/preflight-sheet');
    renderWithStore(<><button type="button">outside</button><PreflightSheet /></>, api, store);
    const outside = screen.getByRole('button', { name: 'outside' });
    outside.focus();
    await act(() => store.getState().dropPaths(['/footage/A.mov'], { folderId: 'f-day1', label: 'Demo Project › Day 1' }));
    const dialog = screen.getByRole('dialog');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(outside);
  });
});
