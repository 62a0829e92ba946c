// The folder tree: an ARIA tree (levels, expanded states, one tab stop), lazily loaded, driven by the keyboard
// like a file manager's sidebar, and a click opens the folder.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FolderTree } from '../../../../src/renderer/features/browser/folder-tree';
import { createFakeApi, folderAsset } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

const item = (label: string) => screen.getByRole('treeitem', { name: label });
const describeRow = (row: HTMLElement) => ({
  label: row.textContent,
  level: row.getAttribute('aria-level'),
  expanded: row.getAttribute('aria-expanded'),
});

async function renderTree() {
  const api = createFakeApi();
  const store = await browsingStore(api);
  const user = userEvent.setup();
  return { ...renderWithStore(<FolderTree />, api, store), user };
}

describe('FolderTree', () => {
  it('is a tree of levels: account › workspaces › projects › folders, expanded as far as the open project', async () => {
    await renderTree();
    const tree = screen.getByRole('tree', { name: 'Projects and folders' });
    expect(within(tree).getAllByRole('treeitem').map(describeRow)).toEqual([
      { label: 'Studio', level: '1', expanded: 'true' },
      { label: 'Post team', level: '2', expanded: 'true' },
      { label: 'Demo Project', level: '3', expanded: 'true' },
      { label: 'Day 1', level: '4', expanded: 'false' }, // not loaded yet: it may have children
      { label: 'Day 2', level: '4', expanded: 'false' },
      { label: 'Second Project', level: '3', expanded: 'false' },
      { label: 'Archive', level: '2', expanded: 'false' },
      { label: 'Shared with me', level: '1', expanded: 'false' },
    ]);
    expect(item('Demo Project').getAttribute('aria-selected')).toBe('true');
    expect(item('Day 1').getAttribute('aria-selected')).toBe('false');
    expect(item('Day 1').getAttribute('aria-setsize')).toBe('2');
    expect(item('Day 2').getAttribute('aria-posinset')).toBe('2');
  });

  it('has one tab stop, on the open folder', async () => {
    await renderTree();
    const stops = screen.getAllByRole('treeitem').filter((row) => row.tabIndex === 0);
    expect(stops).toEqual([item('Demo Project')]);
  });

  it('ArrowDown and ArrowUp move the focus through the visible rows', async () => {
    const { user } = await renderTree();
    act(() => item('Demo Project').focus());
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item('Day 1'));
    expect(item('Day 1').tabIndex).toBe(0);
    expect(item('Demo Project').tabIndex).toBe(-1);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(item('Second Project'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(item('Day 2'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(item('Studio'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(item('Shared with me'));
  });

  it('ArrowRight opens a closed folder (loading it), then moves into it; ArrowLeft goes to the parent, then closes it', async () => {
    const { api, user } = await renderTree();
    act(() => item('Demo Project').focus());
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item('Day 1'));

    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(item('Day 1').getAttribute('aria-expanded')).toBe('true'));
    expect(api.browse.children).toHaveBeenLastCalledWith({ folderId: 'f-day1', accountId: 'acc-1', cursor: null, pageSize: 200 });
    expect(item('Selects').getAttribute('aria-level')).toBe('5');
    expect(document.activeElement).toBe(item('Day 1')); // opening does not move

    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(item('Selects'));

    await user.keyboard('{ArrowLeft}'); // Selects is closed: to its parent
    expect(document.activeElement).toBe(item('Day 1'));
    expect(item('Day 1').getAttribute('aria-expanded')).toBe('true');

    await user.keyboard('{ArrowLeft}'); // Day 1 is open: close it
    expect(item('Day 1').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('treeitem', { name: 'Selects' })).toBeNull();
    expect(document.activeElement).toBe(item('Day 1'));
  });

  it('an empty folder, once loaded, is a leaf (no aria-expanded)', async () => {
    const { user } = await renderTree();
    act(() => item('Demo Project').focus());
    await user.keyboard('{ArrowDown}{ArrowRight}');
    await waitFor(() => item('Selects'));
    await user.keyboard('{ArrowRight}{ArrowRight}'); // into Selects, then open it
    await waitFor(() => expect(item('Selects').hasAttribute('aria-expanded')).toBe(false));
  });

  it('after clicking a row’s twisty, the arrows move on from that row', async () => {
    const { user } = await renderTree();
    await user.click(item('Day 1').querySelector('.tree__twisty')!);
    await waitFor(() => item('Selects'));
    expect(document.activeElement).toBe(item('Day 1'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item('Selects'));
  });

  it('ArrowRight on a collapsed workspace loads its projects', async () => {
    const { api, user } = await renderTree();
    act(() => item('Demo Project').focus());
    await user.keyboard('{End}{ArrowUp}{ArrowRight}');
    await waitFor(() => item('Old Project'));
    expect(api.browse.projects).toHaveBeenLastCalledWith({ accountId: 'acc-1', workspaceId: 'ws-2' });
    expect(item('Old Project').getAttribute('aria-level')).toBe('3');
  });

  it('Enter opens the focused folder on the right', async () => {
    const { store, user } = await renderTree();
    act(() => item('Demo Project').focus());
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day2'));
    expect(item('Day 2').getAttribute('aria-selected')).toBe('true');
    expect(item('Demo Project').getAttribute('aria-selected')).toBe('false');
  });

  it('clicking a row opens that folder', async () => {
    const { store, user } = await renderTree();
    await user.click(item('Day 1'));
    await waitFor(() => expect(store.getState().currentKey).toBe('folder:f-day1'));
    expect(item('Day 1').getAttribute('aria-selected')).toBe('true');
    expect(item('Day 1').getAttribute('aria-expanded')).toBe('true'); // where you are, and what is inside
    expect(item('Selects').getAttribute('aria-level')).toBe('5');
  });

  it('a folder with more than 200 subfolders shows the first 200 and says how many more there are', async () => {
    const api = createFakeApi();
    api.world.children['f-second'] = Array.from({ length: 250 }, (_, i) => folderAsset(`f-sub-${i}`, `Reel ${i + 1}`));
    const store = await browsingStore(api);
    await store.getState().openNode('project:p-second');
    renderWithStore(<FolderTree />, api, store);
    const reels = screen.getAllByRole('treeitem').filter((row) => row.getAttribute('aria-level') === '4' && row.textContent?.startsWith('Reel'));
    expect(reels).toHaveLength(200);
    expect(reels[0]!.getAttribute('aria-setsize')).toBe('250');
    expect(reels[199]!.getAttribute('aria-posinset')).toBe('200');
    expect(screen.getByText('50 more — open the folder to see all')).toBeTruthy();
  });

  it('project and folder rows are drop targets for their folder', async () => {
    await renderTree();
    expect(item('Demo Project').dataset.dropFolder).toBe('f-demo');
    expect(item('Day 1').dataset.dropFolder).toBe('f-day1');
    expect(item('Studio').dataset.dropFolder).toBeUndefined();
  });
});
