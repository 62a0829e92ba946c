// The browse model: roots open the way to the first project, the tree loads a level only when it is opened, folder
// contents page through cursors, and subfolders become tree nodes.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { childKeysOf, currentFolderId, destinationLabel, folderIdOf, pathOf, type TreeNode } from '../../../../src/renderer/store/browse-slice';
import { dropTargetAt } from '../../../../src/renderer/features/drop/drop-target';
import { createAppStore } from '../../../../src/renderer/store/index';
import { createFakeApi, fileAsset, folderAsset, manyFiles } from '../fake-api';
import { browsingStore } from '../render';

describe('browse slice: roots and the tree', () => {
  it('loadRoots lists accounts and Shared, and opens the first workspace and its first project', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    const { nodes, rootKeys, currentKey, folders, rootsLoading } = store.getState();
    expect(rootKeys).toEqual(['account:acc-1', 'shared']);
    expect(nodes['account:acc-1']).toMatchObject({ kind: 'account', label: 'Studio', expanded: true, childKeys: ['workspace:ws-1', 'workspace:ws-2'] });
    expect(nodes['workspace:ws-1']).toMatchObject({ expanded: true, childKeys: ['project:p-demo', 'project:p-second'] });
    expect(nodes['workspace:ws-2']).toMatchObject({ expanded: false, childKeys: null });
    expect(currentKey).toBe('project:p-demo');
    expect(nodes['project:p-demo']).toMatchObject({ kind: 'project', folderId: 'f-demo', expanded: true });
    expect(folders['f-demo']).toMatchObject({ complete: true, loading: false, total: 3 });
    expect(rootsLoading).toBe(false);
    // Only the first workspace's projects: the second waits until someone opens it.
    expect(api.browse.projects).toHaveBeenCalledTimes(1);
    expect(api.browse.projects).toHaveBeenCalledWith({ accountId: 'acc-1', workspaceId: 'ws-1' });
    expect(api.browse.sharedProjects).not.toHaveBeenCalled();
  });

  it('each kind of node carries the ids its kind needs, and no other', async () => {
    const store = await browsingStore(createFakeApi(), 'folder:f-day1');
    const { nodes } = store.getState();
    const ids = (key: string) => Object.fromEntries(Object.entries(nodes[key] ?? {}).filter(([field]) => field === 'kind' || field.endsWith('Id')));
    expect(ids('account:acc-1')).toEqual({ kind: 'account', accountId: 'acc-1' });
    expect(ids('workspace:ws-1')).toEqual({ kind: 'workspace', accountId: 'acc-1', workspaceId: 'ws-1' });
    expect(ids('shared')).toEqual({ kind: 'shared' });
    expect(ids('project:p-demo')).toEqual({ kind: 'project', folderId: 'f-demo', accountId: 'acc-1' });
    expect(ids('folder:f-selects')).toEqual({ kind: 'folder', folderId: 'f-selects', accountId: 'acc-1' });
    // …and the type says so: a kind's ids are required, and a kind without a folder has no folderId to unwrap.
    expectTypeOf<Extract<TreeNode, { kind: 'workspace' }>['workspaceId']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<TreeNode, { kind: 'project' }>['folderId']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<TreeNode, { kind: 'account' }>>().not.toHaveProperty('folderId');
    expect([folderIdOf(nodes['project:p-demo']), folderIdOf(nodes['workspace:ws-1']), folderIdOf(undefined)]).toEqual(['f-demo', undefined, undefined]);
    expect(currentFolderId(store.getState())).toBe('f-day1');
    expect(currentFolderId({ nodes, currentKey: 'workspace:ws-1' })).toBeUndefined();
    expect(currentFolderId({ nodes, currentKey: null })).toBeUndefined();
  });

  it('with no accounts, only Shared with me, and nothing open', async () => {
    const store = await browsingStore(createFakeApi({ accounts: [] }));
    expect(store.getState().rootKeys).toEqual(['shared']);
    expect(store.getState().currentKey).toBeNull();
  });

  it('keeps what failed as browseError', async () => {
    const api = createFakeApi();
    api.browse.accounts.mockRejectedValueOnce(new Error('Could not reach Frame.io'));
    const store = await browsingStore(api);
    expect(store.getState()).toMatchObject({ browseError: 'Could not reach Frame.io', rootsLoading: false, rootKeys: [] });
  });

  it('toggleNode loads a workspace’s projects on first open only', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    await store.getState().toggleNode('workspace:ws-2');
    expect(api.browse.projects).toHaveBeenLastCalledWith({ accountId: 'acc-1', workspaceId: 'ws-2' });
    expect(store.getState().nodes['workspace:ws-2']).toMatchObject({ expanded: true, loading: false, childKeys: ['project:p-old'] });
    expect(store.getState().nodes['project:p-old']).toMatchObject({ kind: 'project', label: 'Old Project', parentKey: 'workspace:ws-2', folderId: 'f-old' });

    await store.getState().toggleNode('workspace:ws-2');
    expect(store.getState().nodes['workspace:ws-2']?.expanded).toBe(false);
    await store.getState().toggleNode('workspace:ws-2', true);
    expect(store.getState().nodes['workspace:ws-2']?.expanded).toBe(true);
    expect(api.browse.projects).toHaveBeenCalledTimes(2); // ws-1 during loadRoots, ws-2 once
  });

  it('toggleNode on an account loads its workspaces, on Shared the shared projects', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    await store.getState().toggleNode('shared');
    expect(api.browse.sharedProjects).toHaveBeenCalledTimes(1);
    expect(store.getState().nodes['shared']?.childKeys).toEqual(['project:p-shared']);
    expect(store.getState().nodes['project:p-shared']).toMatchObject({ label: 'Client Review', folderId: 'f-shared', accountId: 'acc-partner', parentKey: 'shared' });
    expect(api.browse.workspaces).toHaveBeenCalledWith({ accountId: 'acc-1' });
  });

  it('a shared project and its folders are in the account that shared it: listing, creating and dropping name it', async () => {
    const api = createFakeApi();
    api.world.children['f-shared'] = [folderAsset('f-shared-sel', 'Selects')];
    api.world.children['f-shared-sel'] = [];
    const store = await browsingStore(api);
    await store.getState().toggleNode('shared');
    await store.getState().openNode('project:p-shared');
    expect(api.browse.children).toHaveBeenLastCalledWith({ folderId: 'f-shared', accountId: 'acc-partner', cursor: null, pageSize: 200 });
    await store.getState().openFolderItem(folderAsset('f-shared-sel', 'Selects'));
    expect(store.getState().nodes['folder:f-shared-sel']).toMatchObject({ accountId: 'acc-partner', parentKey: 'project:p-shared' });
    expect(api.browse.children).toHaveBeenLastCalledWith({ folderId: 'f-shared-sel', accountId: 'acc-partner', cursor: null, pageSize: 200 });
    await store.getState().createFolder('Notes');
    expect(api.browse.createFolder).toHaveBeenLastCalledWith({ parentId: 'f-shared-sel', accountId: 'acc-partner', name: 'Notes' });
    expect(store.getState().nodes['folder:f-new-1']).toMatchObject({ accountId: 'acc-partner' });

    // A drop on the open folder, and one onto a tree node of the other account while this folder is open.
    const { nodes, currentKey } = store.getState();
    await store.getState().dropPaths(['/footage/A.mov'], dropTargetAt(null, nodes, currentKey)!);
    expect(api.uploads.preflight).toHaveBeenLastCalledWith({ paths: ['/footage/A.mov'], folderId: 'f-shared-sel', accountId: 'acc-partner' });
    const demoRow = document.createElement('li');
    Object.assign(demoRow.dataset, { dropFolder: 'f-demo', dropKey: 'project:p-demo' });
    expect(dropTargetAt(demoRow, nodes, currentKey)).toMatchObject({ folderId: 'f-demo', accountId: 'acc-1' });
  });

  it('toggleNode on a project loads its root folder, whose subfolders become its children', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    api.world.children['f-second'] = [folderAsset('f-vfx', 'VFX')];
    await store.getState().toggleNode('project:p-second');
    expect(api.browse.children).toHaveBeenLastCalledWith({ folderId: 'f-second', accountId: 'acc-1', cursor: null, pageSize: 200 });
    expect(childKeysOf(store.getState(), 'project:p-second')).toEqual(['folder:f-vfx']);
  });

  it('a level that fails to load keeps its error on the node', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    api.browse.projects.mockRejectedValueOnce(new Error('403 Forbidden'));
    await store.getState().toggleNode('workspace:ws-2');
    expect(store.getState().nodes['workspace:ws-2']).toMatchObject({ loading: false, error: '403 Forbidden', childKeys: null });
  });
});

describe('browse slice: folders', () => {
  it('loadFolder pages through cursors, 200 first and then 500, until next is null', async () => {
    const api = createFakeApi();
    api.world.children['f-big'] = manyFiles('big', 1_234);
    const store = createAppStore(api);
    await store.getState().loadFolder('f-big');
    expect(api.browse.children.mock.calls.map(([request]) => request)).toEqual([
      { folderId: 'f-big', accountId: null, cursor: null, pageSize: 200 },
      { folderId: 'f-big', accountId: null, cursor: '200', pageSize: 500 },
      { folderId: 'f-big', accountId: null, cursor: '700', pageSize: 500 },
      { folderId: 'f-big', accountId: null, cursor: '1200', pageSize: 500 },
    ]);
    const contents = store.getState().folders['f-big']!;
    expect(contents).toMatchObject({ next: null, total: 1_234, complete: true, loading: false, error: null });
    expect(contents.items).toHaveLength(1_234);
    expect(contents.items.at(-1)?.name).toBe('file-01234.mov');
  });

  it('shows each page as it arrives', async () => {
    const api = createFakeApi();
    api.world.children['f-big'] = manyFiles('big', 900);
    const store = createAppStore(api);
    const seen: number[] = [];
    store.subscribe((s) => {
      const n = s.folders['f-big']?.items.length;
      if (n !== undefined && seen.at(-1) !== n) seen.push(n);
    });
    await store.getState().loadFolder('f-big');
    expect(seen).toEqual([0, 200, 700, 900]);
  });

  it('does not load a complete folder again unless forced', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().loadFolder('f-day1');
    await store.getState().loadFolder('f-day1');
    expect(api.browse.children).toHaveBeenCalledTimes(1);
    api.world.children['f-day1']!.push(fileAsset('a-b003', 'B003.mov', 10));
    await store.getState().loadFolder('f-day1', true);
    expect(api.browse.children).toHaveBeenCalledTimes(2);
    expect(store.getState().folders['f-day1']?.items.map((a) => a.name)).toContain('B003.mov');
  });

  it('a forced reload keeps the old listing until the new one is complete (the grid neither empties nor jumps)', async () => {
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

  it('keeps a failed page as the folder’s error', async () => {
    const api = createFakeApi();
    api.world.children['f-big'] = manyFiles('big', 300);
    api.browse.children.mockImplementationOnce(async () => ({ items: manyFiles('big', 200), next: '200', total: 300 }));
    api.browse.children.mockRejectedValueOnce(new Error('socket hang up'));
    const store = createAppStore(api);
    await store.getState().loadFolder('f-big');
    expect(store.getState().folders['f-big']).toMatchObject({ error: 'socket hang up', loading: false, complete: false, next: '200' });
    expect(store.getState().folders['f-big']?.items).toHaveLength(200);
  });

  it('subfolders become tree nodes under the node that shows the folder', async () => {
    const store = await browsingStore();
    const { nodes } = store.getState();
    expect(nodes['folder:f-day1']).toMatchObject({ kind: 'folder', label: 'Day 1', parentKey: 'project:p-demo', folderId: 'f-day1', expanded: false });
    expect(childKeysOf(store.getState(), 'project:p-demo')).toEqual(['folder:f-day1', 'folder:f-day2']);
    expect(childKeysOf(store.getState(), 'folder:f-day1')).toBeNull(); // not loaded: it may have children
    await store.getState().loadFolder('f-day1');
    expect(childKeysOf(store.getState(), 'folder:f-day1')).toEqual(['folder:f-selects']);
    expect(store.getState().nodes['folder:f-selects']?.parentKey).toBe('folder:f-day1');
    await store.getState().loadFolder('f-selects');
    expect(childKeysOf(store.getState(), 'folder:f-selects')).toEqual([]); // loaded and empty: a leaf
  });

  it('openFolderItem opens a folder (and its path), goUp returns to the parent, files do nothing', async () => {
    const store = await browsingStore();
    const day1 = store.getState().folders['f-demo']!.items.find((a) => a.name === 'Day 1')!;
    await store.getState().openFolderItem(day1);
    expect(store.getState().currentKey).toBe('folder:f-day1');
    expect(store.getState().folders['f-day1']?.complete).toBe(true);
    expect(store.getState().nodes['project:p-demo']?.expanded).toBe(true);

    await store.getState().openFolderItem(fileAsset('a-b001', 'B001.mov', 1));
    expect(store.getState().currentKey).toBe('folder:f-day1');

    await store.getState().goUp();
    expect(store.getState().currentKey).toBe('project:p-demo');
    await store.getState().goUp(); // a project is the top of where files go
    expect(store.getState().currentKey).toBe('project:p-demo');
  });

  it('openNode on a node without a folder only expands it', async () => {
    const store = await browsingStore();
    await store.getState().openNode('workspace:ws-2');
    expect(store.getState().currentKey).toBe('project:p-demo');
    expect(store.getState().nodes['workspace:ws-2']?.expanded).toBe(true);
  });

  it('refresh reloads the open folder from the server', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    api.world.children['f-day1'] = [fileAsset('a-only', 'only.mov', 5)];
    await store.getState().refresh();
    expect(store.getState().folders['f-day1']?.items.map((a) => a.name)).toEqual(['only.mov']);
  });

  it('createFolder adds the folder to the open folder’s items and to the tree', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    await store.getState().createFolder('  Dailies ');
    expect(api.browse.createFolder).toHaveBeenCalledWith({ parentId: 'f-day1', accountId: 'acc-1', name: 'Dailies' });
    const contents = store.getState().folders['f-day1']!;
    expect(contents.items.at(-1)).toMatchObject({ id: 'f-new-1', name: 'Dailies', type: 'folder' });
    expect(contents.total).toBe(6);
    expect(store.getState().nodes['folder:f-new-1']).toMatchObject({ kind: 'folder', label: 'Dailies', parentKey: 'folder:f-day1', folderId: 'f-new-1' });
    expect(store.getState().nodes['folder:f-day1']?.expanded).toBe(true);
    expect(childKeysOf(store.getState(), 'folder:f-day1')).toEqual(['folder:f-selects', 'folder:f-new-1']);
  });

  it('setSort: a new column sorts ascending, the same column again flips', () => {
    const store = createAppStore(createFakeApi());
    expect(store.getState().sort).toEqual({ column: 'name', descending: false });
    store.getState().setSort('size');
    expect(store.getState().sort).toEqual({ column: 'size', descending: false });
    store.getState().setSort('size');
    expect(store.getState().sort).toEqual({ column: 'size', descending: true });
    store.getState().setSort('name');
    expect(store.getState().sort).toEqual({ column: 'name', descending: false });
  });
});

describe('pathOf and destinationLabel', () => {
  it('names a destination from the project down', async () => {
    const store = await browsingStore(createFakeApi(), 'folder:f-day1');
    await store.getState().openNode('folder:f-selects');
    const { nodes } = store.getState();
    expect(pathOf(nodes, 'folder:f-selects').map((n) => n.label)).toEqual(['Studio', 'Post team', 'Demo Project', 'Day 1', 'Selects']);
    expect(destinationLabel(nodes, 'folder:f-selects')).toBe('Demo Project › Day 1 › Selects');
    expect(destinationLabel(nodes, 'project:p-demo')).toBe('Demo Project');
    expect(destinationLabel(nodes, 'workspace:ws-1')).toBe('Studio › Post team');
    expect(pathOf(nodes, null)).toEqual([]);
    expect(destinationLabel(nodes, 'folder:nowhere')).toBe('');
  });
});
