// An in-memory DesktopApi for the renderer's tests: one account with two workspaces, a demo project with folders
// (paged by cursor, like Frame.io), an upload queue that records every control (a retry restarts the same rows in
// place and pushes them, like main), settings, and events a test emits.
// Every invoke method is a vi.fn, so tests can assert calls or swap an answer with mockRejectedValueOnce.
import { vi } from 'vitest';
import type { DesktopApi } from '../../../src/shared/desktop-api';
import type { EventChannel, EventOf, ResponseOf } from '../../../src/shared/ipc/contract';
import type { AdobeStatus, Asset, AuthStatus, Preflight, Settings, UploadRow } from '../../../src/shared/ipc/schemas';
import { UNSUCCESSFUL_STATUSES } from '../../../src/shared/upload-status';

type Api = DesktopApi;
type Account = ResponseOf<'browse:accounts'>[number];
type Workspace = ResponseOf<'browse:workspaces'>[number];
type Project = ResponseOf<'browse:projects'>[number];

export const GOOD_TOKEN = 'fio-u-good-token';
/** What main throws for a token Frame.io answers 401 to (src/main/backend/sign-in-state.ts). */
export const REJECTED_TOKEN_MESSAGE = 'Frame.io rejected this token. Check it and try again.';

/** "Sign in with Adobe" not set up, nothing going on (the sandbox's sign-in server still works). */
export const ADOBE_IDLE: AdobeStatus = { configured: false, configuredBy: null, configProblem: null, waiting: null, error: null, signInAgain: null };
export const SIGNED_OUT: AuthStatus = { signedIn: false, apiUrl: null, user: null, sandbox: false, keychainAvailable: true };
export const SIGNED_IN: AuthStatus = {
  signedIn: true,
  apiUrl: 'https://api.frame.io/v4',
  user: { id: 'u-1', name: 'Ada Editor', email: 'ada@example.com' },
  sandbox: false,
  keychainAvailable: true,
};
export const SANDBOX: AuthStatus = { ...SIGNED_IN, apiUrl: 'http://127.0.0.1:4010/v4', user: { id: 'u-sandbox', name: 'Sandbox', email: 'sandbox@localhost' }, sandbox: true };

export function fileAsset(id: string, name: string, size: number, extra: Partial<Asset> = {}): Asset {
  return { id, name, type: 'file', parentId: null, size, mediaType: 'video/quicktime', itemCount: null, uploadComplete: true, createdAt: '2026-11-20T10:00:00Z', ...extra };
}

export function folderAsset(id: string, name: string, extra: Partial<Asset> = {}): Asset {
  return { id, name, type: 'folder', parentId: null, size: null, mediaType: null, itemCount: null, uploadComplete: true, createdAt: '2026-11-20T09:00:00Z', ...extra };
}

/** `count` files named file-00001.mov…, for folders that need paging or virtualising. */
export function manyFiles(prefix: string, count: number): Asset[] {
  return Array.from({ length: count }, (_, i) => fileAsset(`${prefix}-${i + 1}`, `file-${String(i + 1).padStart(5, '0')}.mov`, 1_000_000 + i));
}

export function uploadRow(id: number, extra: Partial<UploadRow> = {}): UploadRow {
  return {
    id, batchId: 'batch-1', name: `clip-${id}.mov`, destination: 'Demo Project/Day 1', size: 1_000_000, sentBytes: 0, acknowledgedBytes: 0,
    bytesPerSecond: 0, etaSeconds: null, status: 'queued', retries: 0, assetId: null, error: null, ...extra,
  };
}

export interface FakeWorld {
  auth: AuthStatus;
  accounts: Account[];
  workspaces: Workspace[];
  projects: Project[];
  /** Folder id → its contents, in the order the server pages them. */
  children: Record<string, Asset[]>;
  rows: UploadRow[];
  settings: Settings;
}

/** Studio › Post team › Demo Project › Day 1 (Selects, B001…) / Day 2, plus a second project, an archive workspace
 * and one shared project. */
export function demoWorld(): FakeWorld {
  return {
    auth: SIGNED_OUT,
    accounts: [{ id: 'acc-1', name: 'Studio' }],
    workspaces: [{ id: 'ws-1', accountId: 'acc-1', name: 'Post team' }, { id: 'ws-2', accountId: 'acc-1', name: 'Archive' }],
    projects: [
      { id: 'p-demo', name: 'Demo Project', workspaceId: 'ws-1', rootFolderId: 'f-demo', shared: false, accountId: 'acc-1' },
      { id: 'p-second', name: 'Second Project', workspaceId: 'ws-1', rootFolderId: 'f-second', shared: false, accountId: 'acc-1' },
      { id: 'p-old', name: 'Old Project', workspaceId: 'ws-2', rootFolderId: 'f-old', shared: false, accountId: 'acc-1' },
      { id: 'p-shared', name: 'Client Review', workspaceId: null, rootFolderId: 'f-shared', shared: true, accountId: 'acc-partner' },
    ],
    children: {
      'f-demo': [folderAsset('f-day1', 'Day 1', { itemCount: 5 }), folderAsset('f-day2', 'Day 2', { itemCount: 1 }), fileAsset('a-001', 'A001.mov', 3_000_000_000)],
      'f-day1': [
        fileAsset('a-b001', 'B001.mov', 3_000_000_000),
        fileAsset('a-b010', 'B010.mov', 200_000_000),
        folderAsset('f-selects', 'Selects', { itemCount: 0 }),
        fileAsset('a-b002', 'B002.mov', 1_500_000_000),
        fileAsset('a-notes', 'notes.txt', 1_200, { mediaType: 'text/plain' }),
      ],
      'f-day2': [fileAsset('a-c001', 'C001.mov', 900_000_000)],
      'f-selects': [],
      'f-second': [],
      'f-old': [],
      'f-shared': [],
    },
    rows: [],
    settings: { theme: 'system', partsInFlight: 8, onConflict: 'skip', imsClientId: '', imsRedirectUri: '', imsUrl: '' },
  };
}

const basename = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? path;

export function createFakeApi(overrides: Partial<FakeWorld> = {}) {
  const world: FakeWorld = { ...demoWorld(), ...overrides };
  world.rows = [...world.rows]; // main's queue changes: not the caller's array
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const filePaths = new WeakMap<File, string>();
  let nextFileId = 1 + Math.max(0, ...world.rows.map((r) => r.id));
  let nextBatch = 1;
  let nextFolder = 1;

  const folder = (folderId: string): Asset[] => {
    const items = world.children[folderId];
    if (!items) throw new Error(`no folder ${folderId}`);
    return items;
  };
  const signedIn = (status: AuthStatus) => (world.auth = status);
  /** What main would push on `event`. */
  const emit = <E extends EventChannel>(event: E, payload: EventOf<E>): void => {
    for (const listener of listeners.get(event) ?? []) (listener as (payload: EventOf<E>) => void)(payload);
  };

  const api = {
    auth: {
      status: vi.fn<Api['auth']['status']>(async () => world.auth),
      signIn: vi.fn<Api['auth']['signIn']>(async ({ token }) => {
        if (token !== GOOD_TOKEN) throw new Error(REJECTED_TOKEN_MESSAGE);
        return signedIn(SIGNED_IN);
      }),
      signOut: vi.fn<Api['auth']['signOut']>(async () => signedIn(SIGNED_OUT)),
      useSandbox: vi.fn<Api['auth']['useSandbox']>(async () => signedIn(SANDBOX)),
      // Main makes the attempt and pushes the waiting state; the browser and the redirect are main's business.
      adobeSignIn: vi.fn<Api['auth']['adobeSignIn']>(async ({ sandbox }) => {
        const host = sandbox ? '127.0.0.1:4010' : 'ims-na1.adobelogin.com';
        world.auth = { ...world.auth, adobe: { ...ADOBE_IDLE, ...world.auth.adobe, waiting: { host, sandbox: sandbox ?? false, finishing: false }, error: null } };
        emit('auth:changed', world.auth);
        return { host };
      }),
      adobeCancel: vi.fn<Api['auth']['adobeCancel']>(async () => {
        world.auth = { ...world.auth, adobe: { ...ADOBE_IDLE, ...world.auth.adobe, waiting: null, error: null, signInAgain: null } };
        emit('auth:changed', world.auth);
        return world.auth;
      }),
    },
    browse: {
      accounts: vi.fn<Api['browse']['accounts']>(async () => world.accounts),
      workspaces: vi.fn<Api['browse']['workspaces']>(async ({ accountId }) => world.workspaces.filter((w) => w.accountId === accountId)),
      projects: vi.fn<Api['browse']['projects']>(async ({ workspaceId }) => world.projects.filter((p) => p.workspaceId === workspaceId)),
      sharedProjects: vi.fn<Api['browse']['sharedProjects']>(async () => world.projects.filter((p) => p.shared)),
      /** Pages by offset: the cursor is the index of the page's first item. */
      children: vi.fn<Api['browse']['children']>(async ({ folderId, cursor, pageSize = 100 }) => {
        const items = folder(folderId);
        const start = cursor === null ? 0 : Number(cursor);
        const end = Math.min(items.length, start + pageSize);
        return { items: items.slice(start, end), next: end < items.length ? String(end) : null, total: items.length };
      }),
      createFolder: vi.fn<Api['browse']['createFolder']>(async ({ parentId, name }) => {
        const created = folderAsset(`f-new-${nextFolder++}`, name, { parentId, itemCount: 0 });
        folder(parentId).push(created);
        world.children[created.id] = [];
        return created;
      }),
    },
    uploads: {
      preflight: vi.fn<Api['uploads']['preflight']>(async ({ paths, folderId }): Promise<Preflight> => {
        const taken = new Set(folder(folderId).map((a) => a.name));
        return { files: paths.length, folders: 0, totalBytes: paths.length * 1_000_000, skippedJunk: 0, problems: [], clashes: paths.map(basename).filter((n) => taken.has(n)) };
      }),
      enqueue: vi.fn<Api['uploads']['enqueue']>(async ({ paths }) => {
        const batchId = `batch-${nextBatch++}`;
        const rows = paths.map((path) => uploadRow(nextFileId++, { batchId, name: basename(path) }));
        world.rows.push(...rows);
        return { batchId, fileIds: rows.map((r) => r.id) };
      }),
      pause: vi.fn<Api['uploads']['pause']>(async () => ({})),
      resume: vi.fn<Api['uploads']['resume']>(async () => ({})),
      cancel: vi.fn<Api['uploads']['cancel']>(async () => ({})),
      /** Like main: the failed or canceled files go back to queued in place (same id, batch and destination, no new
       * row), each pushed as uploads:state. Progress after that is the test's to push. */
      retry: vi.fn<Api['uploads']['retry']>(async ({ ids, batchId }) => {
        world.rows.forEach((row, index) => {
          if (!UNSUCCESSFUL_STATUSES.has(row.status) || (ids && !ids.includes(row.id)) || (batchId && row.batchId !== batchId)) return;
          const queued: UploadRow = { ...row, status: 'queued', error: null, bytesPerSecond: 0, etaSeconds: null };
          world.rows[index] = queued;
          emit('uploads:state', { row: queued });
        });
        return {};
      }),
      list: vi.fn<Api['uploads']['list']>(async () => [...world.rows]),
    },
    files: {
      pick: vi.fn<Api['files']['pick']>(async () => ({ paths: [] })),
      reveal: vi.fn<Api['files']['reveal']>(async () => ({})),
    },
    settings: {
      get: vi.fn<Api['settings']['get']>(async () => world.settings),
      set: vi.fn<Api['settings']['set']>(async (patch) => (world.settings = { ...world.settings, ...patch })),
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },
    pathForFile: (file: File): string => filePaths.get(file) ?? '',
  } satisfies DesktopApi;

  return Object.assign(api, {
    world,
    emit,
    /** Main's queue changes a row (progress, an outcome): the fake's list holds it, and it is pushed as uploads:state. */
    pushRow(row: UploadRow): void {
      const index = world.rows.findIndex((r) => r.id === row.id);
      if (index >= 0) world.rows[index] = row;
      else world.rows.push(row);
      emit('uploads:state', { row });
    },
    listenerCount: (event: EventChannel): number => listeners.get(event)?.size ?? 0,
    /** A dropped File with a local path (or none, like a file dragged from a web page). */
    droppedFile(name: string, path: string | null): File {
      const file = new File(['x'], name);
      if (path !== null) filePaths.set(file, path);
      return file;
    },
  });
}

export type FakeApi = ReturnType<typeof createFakeApi>;

/** A promise a test settles by hand, to look at the store while a call is still in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
