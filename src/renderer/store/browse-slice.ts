// The browse model: a tree of accounts → workspaces (V2 teams) → projects (own and shared) → folders, loaded lazily
// page by page, and one cache of folder contents that feeds both the tree (its subfolders) and the table.
// Keys name a node by kind and id ("project:abc"), so V4's account → workspace → project → folder fits unchanged.
// Every project and folder carries the account it lives in (a shared project's is the account that shared it), and
// every call about a folder names it: V4 scopes each URL by account, so main needs it to ask in the right place.
import type { Asset } from '../../shared/ipc/schemas';
import type { SliceCreator } from './types';

/** What a node is, with the ids its kind needs to load what is under it. Projects and folders show a folder's
 * contents (a project its root folder); accounts, workspaces and "Shared with me" list nodes. */
export type NodeIdentity =
  | { kind: 'account'; accountId: string }
  | { kind: 'workspace'; accountId: string; workspaceId: string }
  | { kind: 'shared' }
  | { kind: 'project'; folderId: string; accountId: string | null }
  | { kind: 'folder'; folderId: string; accountId: string | null };

interface NodeState {
  parentKey: string | null;
  /** Keys of the children, once loaded (accounts, workspaces, shared); projects and folders derive theirs from the cache. */
  childKeys: string[] | null;
  expanded: boolean;
  loading: boolean;
  error: string | null;
}

export type TreeNode = NodeIdentity & NodeState & { key: string; label: string };
export type NodeKind = TreeNode['kind'];
/** A project or a folder: a node that shows a folder's contents, and takes drops into it. */
export type FolderNode = Extract<TreeNode, { folderId: string }>;

export const isFolderNode = (n: TreeNode): n is FolderNode => n.kind === 'project' || n.kind === 'folder';
/** The folder a node shows, for a project or a folder. */
export const folderIdOf = (n: TreeNode | undefined): string | undefined => (n && isFolderNode(n) ? n.folderId : undefined);
/** The account a project or folder is in (null: the API did not say, as V2's shared projects). */
export const accountIdOf = (n: TreeNode | undefined): string | null => (n && isFolderNode(n) ? n.accountId : null);
/** The folder the browser has open, if it has one open. */
export const currentFolderId = (s: Pick<BrowseSlice, 'nodes' | 'currentKey'>): string | undefined =>
  s.currentKey === null ? undefined : folderIdOf(s.nodes[s.currentKey]);

export interface FolderContents {
  items: Asset[];
  next: string | null;
  total: number | null;
  loading: boolean;
  complete: boolean;
  error: string | null;
}

export type SortColumn = 'name' | 'type' | 'size' | 'createdAt';

export interface BrowseSlice {
  nodes: Record<string, TreeNode>;
  rootKeys: string[];
  rootsLoading: boolean;
  browseError: string | null;
  currentKey: string | null;
  folders: Record<string, FolderContents>;
  sort: { column: SortColumn; descending: boolean };
  loadRoots(): Promise<void>;
  resetBrowse(): void;
  toggleNode(key: string, expanded?: boolean): Promise<void>;
  openNode(key: string): Promise<void>;
  openFolderItem(asset: Asset): Promise<void>;
  goUp(): Promise<void>;
  loadFolder(folderId: string, force?: boolean): Promise<void>;
  refresh(): Promise<void>;
  createFolder(name: string): Promise<void>;
  setSort(column: SortColumn): void;
  /** Uploads finished into this folder: refresh it (once the burst settles), and every other cached folder is stale. */
  noteFolderChanged(folderId: string): void;
}

const FIRST_PAGE_ITEMS = 200; // a first screenful fast…
const NEXT_PAGE_ITEMS = 500; // …then the contract's largest page
const REFRESH_AFTER_UPLOAD_MS = 400;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const node = (identity: NodeIdentity, key: string, label: string, parentKey: string | null, expanded = false): TreeNode => ({
  ...identity, key, label, parentKey, childKeys: null, expanded, loading: false, error: null,
});
const projectNode = (p: { id: string; name: string; rootFolderId: string; accountId: string | null }, parentKey: string): TreeNode =>
  node({ kind: 'project', folderId: p.rootFolderId, accountId: p.accountId }, `project:${p.id}`, p.name, parentKey);
/** A folder is in the account of the node it was listed under. */
const folderNode = (a: Pick<Asset, 'id' | 'name'>, parent: TreeNode | undefined): TreeNode =>
  node({ kind: 'folder', folderId: a.id, accountId: accountIdOf(parent) }, `folder:${a.id}`, a.name, parent?.key ?? null);

/** The path from a tree root to `key`, for breadcrumbs and the drop overlay. */
export function pathOf(nodes: Record<string, TreeNode>, key: string | null): TreeNode[] {
  const path: TreeNode[] = [];
  for (let at = key ? nodes[key] : undefined; at; at = at.parentKey ? nodes[at.parentKey] : undefined) path.unshift(at);
  return path;
}

/** "Project A › Day 1 › Cam A": from the project down, which is how people name a destination. */
export function destinationLabel(nodes: Record<string, TreeNode>, key: string | null): string {
  const path = pathOf(nodes, key);
  const from = path.findIndex((n) => n.kind === 'project');
  return (from >= 0 ? path.slice(from) : path).map((n) => n.label).join(' › ');
}

/** The children of a node as the tree shows them: folders only, for projects and folders. */
export function childKeysOf(state: Pick<BrowseSlice, 'nodes' | 'folders'>, key: string): string[] | null {
  const n = state.nodes[key];
  if (!n) return null;
  if (!isFolderNode(n)) return n.childKeys;
  const contents = state.folders[n.folderId];
  if (!contents || (contents.items.length === 0 && !contents.complete)) return null;
  return contents.items.filter((a) => a.type === 'folder').map((a) => `folder:${a.id}`);
}

export const createBrowseSlice: SliceCreator<BrowseSlice> = (set, get, api) => {
  const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const currentNode = (): TreeNode | undefined => {
    const { nodes, currentKey } = get();
    return currentKey === null ? undefined : nodes[currentKey];
  };
  const patchNode = (key: string, patch: Partial<NodeState>) =>
    set((s) => (s.nodes[key] ? { nodes: { ...s.nodes, [key]: { ...s.nodes[key], ...patch } } } : {}));
  const patchFolder = (folderId: string, patch: Partial<FolderContents>) =>
    set((s) => ({ folders: { ...s.folders, [folderId]: { ...(s.folders[folderId] ?? emptyContents()), ...patch } } }));
  const addNodes = (list: TreeNode[]) =>
    set((s) => {
      const nodes = { ...s.nodes };
      for (const n of list) nodes[n.key] = { ...n, expanded: nodes[n.key]?.expanded ?? n.expanded };
      return { nodes };
    });

  async function loadChildren(key: string): Promise<void> {
    const n = get().nodes[key];
    if (!n) return;
    if (isFolderNode(n)) return get().loadFolder(n.folderId);
    if (n.childKeys) return;
    patchNode(key, { loading: true, error: null });
    try {
      let children: TreeNode[];
      if (n.kind === 'account') {
        children = (await api.browse.workspaces({ accountId: n.accountId })).map((w) => node({ kind: 'workspace', accountId: w.accountId, workspaceId: w.id }, `workspace:${w.id}`, w.name, key));
      } else if (n.kind === 'workspace') {
        children = (await api.browse.projects({ accountId: n.accountId, workspaceId: n.workspaceId })).map((p) => projectNode(p, key));
      } else {
        children = (await api.browse.sharedProjects({})).map((p) => projectNode(p, key));
      }
      addNodes(children);
      patchNode(key, { childKeys: children.map((c) => c.key), loading: false });
    } catch (error) {
      patchNode(key, { loading: false, error: message(error) });
    }
  }

  return {
    nodes: {},
    rootKeys: [],
    rootsLoading: false,
    browseError: null,
    currentKey: null,
    folders: {},
    sort: { column: 'name', descending: false },

    async loadRoots() {
      set({ rootsLoading: true, browseError: null });
      try {
        const accounts = await api.browse.accounts({});
        const roots = [...accounts.map((a) => node({ kind: 'account', accountId: a.id }, `account:${a.id}`, a.name, null, true)), node({ kind: 'shared' }, 'shared', 'Shared with me', null)];
        set({ nodes: Object.fromEntries(roots.map((r) => [r.key, r])), rootKeys: roots.map((r) => r.key), folders: {}, currentKey: null });
        // Open the way to the first project, so a new user sees folders at once.
        for (const account of roots.filter((r) => r.kind === 'account')) await loadChildren(account.key);
        const firstWorkspace = roots[0] && get().nodes[roots[0].key]?.childKeys?.[0];
        if (firstWorkspace) {
          await get().toggleNode(firstWorkspace, true);
          const firstProject = get().nodes[firstWorkspace]?.childKeys?.[0];
          if (firstProject && get().currentKey === null) await get().openNode(firstProject);
        }
      } catch (error) {
        set({ browseError: message(error) });
      } finally {
        set({ rootsLoading: false });
      }
    },

    resetBrowse: () => set({ nodes: {}, rootKeys: [], folders: {}, currentKey: null, browseError: null }),

    async toggleNode(key, expanded) {
      const n = get().nodes[key];
      if (!n) return;
      const next = expanded ?? !n.expanded;
      patchNode(key, { expanded: next });
      if (next) await loadChildren(key);
    },

    async openNode(key) {
      const n = get().nodes[key];
      if (!n) return;
      if (!isFolderNode(n)) return get().toggleNode(key, true);
      set({ currentKey: key });
      // It and its ancestors open, so the tree always shows where you are and what is inside.
      for (const at of pathOf(get().nodes, key)) if (!at.expanded) patchNode(at.key, { expanded: true });
      await get().loadFolder(n.folderId);
    },

    async openFolderItem(asset) {
      if (asset.type !== 'folder') return;
      const key = `folder:${asset.id}`;
      if (!get().nodes[key]) addNodes([folderNode(asset, currentNode())]);
      await get().openNode(key);
    },

    async goUp() {
      const current = currentNode();
      if (current?.kind === 'folder' && current.parentKey) await get().openNode(current.parentKey);
    },

    async loadFolder(folderId, force = false) {
      const existing = get().folders[folderId];
      if (existing && (existing.loading || (existing.complete && !force))) return;
      // A refresh of a folder on screen keeps showing the old listing until the new one is complete, so the grid
      // neither empties nor jumps back to the top while uploads land in it.
      const progressive = !force || !existing?.items.length;
      patchFolder(folderId, { loading: true, error: null });
      const parent = Object.values(get().nodes).find((n) => folderIdOf(n) === folderId);
      const accountId = accountIdOf(parent);
      try {
        let cursor: string | null = null;
        let items: Asset[] = [];
        do {
          const page = await api.browse.children({ folderId, accountId, cursor, pageSize: cursor === null ? FIRST_PAGE_ITEMS : NEXT_PAGE_ITEMS });
          items = items.concat(page.items);
          cursor = page.next;
          const subfolders = page.items.filter((a) => a.type === 'folder').map((a) => folderNode(a, parent));
          addNodes(subfolders);
          if (progressive || cursor === null) patchFolder(folderId, { items, next: cursor, total: page.total, complete: cursor === null });
        } while (cursor !== null);
      } catch (error) {
        patchFolder(folderId, { error: message(error) });
      } finally {
        patchFolder(folderId, { loading: false });
      }
    },

    async refresh() {
      const current = currentNode();
      if (current && isFolderNode(current)) await get().loadFolder(current.folderId, true);
      else await get().loadRoots();
    },

    async createFolder(name) {
      const current = currentNode();
      if (!current || !isFolderNode(current)) return;
      const folder = await api.browse.createFolder({ parentId: current.folderId, accountId: current.accountId, name: name.trim() });
      const contents = get().folders[current.folderId] ?? emptyContents();
      patchFolder(current.folderId, { items: [...contents.items, folder], total: (contents.total ?? contents.items.length) + 1 });
      addNodes([folderNode(folder, current)]);
      patchNode(current.key, { expanded: true });
    },

    setSort: (column) => set((s) => ({ sort: { column, descending: s.sort.column === column ? !s.sort.descending : false } })),

    noteFolderChanged(folderId) {
      // Many files finish together: refresh each folder once they settle, not once per file. The others' item counts
      // and sizes may have changed too: they reload when next opened.
      clearTimeout(refreshTimers.get(folderId));
      refreshTimers.set(folderId, setTimeout(() => {
        refreshTimers.delete(folderId);
        set((s) => ({ folders: Object.fromEntries(Object.entries(s.folders).map(([id, c]) => [id, id === folderId ? c : { ...c, complete: false }])) }));
        if (get().folders[folderId]) void get().loadFolder(folderId, true);
      }, REFRESH_AFTER_UPLOAD_MS));
    },
  };
};

const emptyContents = (): FolderContents => ({ items: [], next: null, total: null, loading: false, complete: false, error: null });
