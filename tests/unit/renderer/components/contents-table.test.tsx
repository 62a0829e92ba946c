// The contents grid: the open folder's items (folders first), sortable by its headers, keyboard-driven (arrows,
// Enter into a folder, Backspace up), and virtualised: a 10,000-item folder renders a screenful of rows.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ContentsTable } from '../../../../src/renderer/features/browser/contents-table';
import { createFakeApi, fileAsset, folderAsset, manyFiles, uploadRow } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

const grid = () => screen.getByRole('grid');
/** The item rows (not the header), in the order they are laid out. */
const itemRows = () => within(grid()).getAllByRole('row').filter((row) => row.dataset.index !== undefined);
const cells = (row: HTMLElement) => within(row).getAllByRole('gridcell').map((cell) => cell.textContent);
const names = () => itemRows().map((row) => cells(row)[0]);
const row = (name: string) => itemRows().find((r) => cells(r)[0] === name)!;

async function renderTable(folderKey = 'folder:f-day1', api = createFakeApi()) {
  const store = await browsingStore(api, folderKey);
  const user = userEvent.setup();
  return { ...renderWithStore(<ContentsTable />, api, store), user };
}

describe('ContentsTable', () => {
  it('shows the open folder’s items, folders first, with kind, size and state', async () => {
    await renderTable();
    expect(grid().getAttribute('aria-label')).toBe('Contents of Demo Project › Day 1');
    expect(names()).toEqual(['Selects', 'B001.mov', 'B002.mov', 'B010.mov', 'notes.txt']);
    expect(cells(row('Selects')).slice(1, 3)).toEqual(['Folder', '0 items']);
    expect(cells(row('B001.mov'))).toEqual(['B001.mov', 'Video', '3.0 GB', expect.any(String), ' Uploaded']);
    expect(cells(row('notes.txt')).slice(1, 3)).toEqual(['Document', '1.2 KB']);
    expect(grid().getAttribute('aria-rowcount')).toBe('6');
    expect(screen.getByText('5 items')).toBeTruthy();
  });

  it('a file this queue is still uploading shows its progress', async () => {
    const api = createFakeApi();
    api.world.children['f-day1']!.push(fileAsset('a-new', 'B004.mov', 1_000, { uploadComplete: false }));
    const { store } = await renderTable('folder:f-day1', api);
    expect(cells(row('B004.mov'))[4]).toBe(' Incomplete');
    act(() => store.getState().applyRows([uploadRow(1, { status: 'uploading', assetId: 'a-new', size: 1_000, acknowledgedBytes: 420 })]));
    expect(cells(row('B004.mov'))[4]).toBe('Uploading 42 %');
  });

  it('clicking Size sorts by size, clicking it again reverses (folders stay first)', async () => {
    const { user } = await renderTable();
    const sizeHeader = screen.getByRole('columnheader', { name: 'Size' });
    expect(sizeHeader.hasAttribute('aria-sort')).toBe(false);
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(sizeHeader).getByRole('button'));
    expect(names()).toEqual(['Selects', 'notes.txt', 'B010.mov', 'B002.mov', 'B001.mov']);
    expect(sizeHeader.getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(sizeHeader).getByRole('button'));
    expect(names()).toEqual(['Selects', 'B001.mov', 'B002.mov', 'B010.mov', 'notes.txt']);
    expect(sizeHeader.getAttribute('aria-sort')).toBe('descending');
  });

  it('one row is active and is the tab stop; arrows move it', async () => {
    const { user } = await renderTable();
    const active = () => itemRows().filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => cells(r)[0]);
    expect(active()).toEqual(['Selects']);
    expect(itemRows().filter((r) => r.tabIndex === 0)).toEqual([row('Selects')]);
    act(() => row('Selects').focus());
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()).toEqual(['B002.mov']);
    await waitFor(() => expect(document.activeElement).toBe(row('B002.mov')));
    await user.keyboard('{ArrowUp}');
    expect(active()).toEqual(['B001.mov']);
    await user.keyboard('{End}');
    expect(active()).toEqual(['notes.txt']);
    await user.keyboard('{Home}');
    expect(active()).toEqual(['Selects']);
  });

  it('Enter on a folder row opens it', async () => {
    const { store, user } = await renderTable('project:p-demo');
    act(() => row('Day 1').focus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(grid().getAttribute('aria-label')).toBe('Contents of Demo Project › Day 1'));
    expect(store.getState().currentKey).toBe('folder:f-day1');
    expect(names()).toEqual(['Selects', 'B001.mov', 'B002.mov', 'B010.mov', 'notes.txt']);
  });

  it('after Enter opens a folder, one row of the new folder is the tab stop', async () => {
    const { store, user } = await renderTable('project:p-demo');
    act(() => itemRows()[0]!.focus());
    await user.keyboard('{ArrowDown}'); // Day 2
    await user.keyboard('{Enter}');
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day2'));
    expect(itemRows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });

  it('after Enter opens a folder, the keyboard focus is on its first row, so Backspace goes back up', async () => {
    const { store, user } = await renderTable('project:p-demo');
    act(() => itemRows()[0]!.focus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day1'));
    await waitFor(() => expect(document.activeElement).toBe(row('Selects')));
    expect(grid().contains(document.activeElement)).toBe(true);
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
  });

  it('Enter on a file does nothing; double-clicking a folder opens it', async () => {
    const { store, user } = await renderTable('project:p-demo');
    act(() => row('A001.mov').focus());
    await user.click(row('A001.mov'));
    await user.keyboard('{Enter}');
    expect(store.getState().currentKey).toBe('project:p-demo');
    await user.dblClick(row('Day 2'));
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day2'));
  });

  it('Backspace on a row goes up to the parent folder', async () => {
    const { store, user } = await renderTable('folder:f-day1');
    act(() => row('B001.mov').focus());
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(grid().getAttribute('aria-label')).toBe('Contents of Demo Project'));
    expect(store.getState().currentKey).toBe('project:p-demo');
    expect(names()).toEqual(['Day 1', 'Day 2', 'A001.mov']);
  });

  it('folder rows take drops into them, file rows take a drop as a new version', async () => {
    await renderTable();
    expect(row('Selects').dataset).toMatchObject({ dropFolder: 'f-selects', dropLabel: 'Selects' });
    expect(row('B001.mov').dataset).toMatchObject({ dropVersion: 'a-b001', dropLabel: 'B001.mov' });
  });

  it('an empty folder invites a drop, naming where it goes', async () => {
    const { store } = await renderTable('project:p-second');
    expect(store.getState().currentKey).toBe('project:p-second');
    expect(screen.getAllByText((_, el) => el?.tagName === 'P' && el.textContent === 'Drop files here to upload to Second Project')).toHaveLength(1);
    expect(screen.getByText('0 items')).toBeTruthy();
  });

  it('renders only a screenful of a 10,000-item folder, and End brings the last item into view', async () => {
    const api = createFakeApi();
    api.world.children['f-demo']!.push(folderAsset('f-huge', 'Card dump'));
    api.world.children['f-huge'] = manyFiles('huge', 10_000);
    const store = await browsingStore(api);
    await store.getState().openNode('folder:f-huge');
    const user = userEvent.setup();
    renderWithStore(<ContentsTable />, api, store);

    expect(grid().getAttribute('aria-rowcount')).toBe('10001');
    expect(screen.getByText(`${(10_000).toLocaleString()} items`)).toBeTruthy();
    const rendered = itemRows();
    expect(rendered.length).toBeGreaterThan(10); // a screenful (600 px of 36 px rows) and the overscan…
    expect(rendered.length).toBeLessThan(60); // …not ten thousand
    expect(cells(rendered[0]!)[0]).toBe('file-00001.mov');

    act(() => rendered[0]!.focus());
    await user.keyboard('{End}');
    await waitFor(() => expect(names()).toContain('file-10000.mov'));
    expect(itemRows().length).toBeLessThan(60);
    expect(names()).not.toContain('file-00001.mov');
  });
});
