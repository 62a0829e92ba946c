// What the desktop app's IPC handlers do, in plain Node: sign-in with the token kept in the OS keychain (never sent
// to the renderer), browsing through the Frame.io client, uploads through the engine, and the sandbox for people
// with no account. Electron-only services (file dialogs, the file manager) come in as functions, so all of this runs
// in tests and in the browser test host without Electron.
import { FrameioError } from '../../core/frameio/errors';
import type { FrameioClient, User } from '../../core/frameio/types';
import { DEFAULT_V2_API_URL, V2Client } from '../../core/frameio/v2-client';
import type { EngineEvent, UploadEngine } from '../../core/upload/engine';
import { scanPaths } from '../../core/upload/scan';
import type { Handlers } from '../ipc/register-handlers';
import type { EventChannel, EventOf } from '../../shared/ipc/contract';
import type { AuthStatus, Settings, UploadRow } from '../../shared/ipc/schemas';
import { EngineSession } from './engine-session';
import { assetToContract } from './to-contract';
import { QueueRows } from './queue-rows';
import { checkLocalPaths, preflight } from './preflight';
import { loadSettings, saveSettings } from './settings-file';

/** Where tokens live: the OS keychain, or (no keychain) memory for this session only. Never a file. */
export interface TokenVault {
  get(apiUrl: string): Promise<string | null>;
  set(apiUrl: string, token: string): Promise<void>;
  delete(apiUrl: string): Promise<void>;
}

export interface BackendDeps {
  vault: TokenVault;
  keychainAvailable: boolean;
  journalDir: string;
  sandboxDataDir: string;
  pickPaths: (kind: 'files' | 'folder') => Promise<string[]>;
  reveal: (path: string) => Promise<void>;
  push: <E extends EventChannel>(event: E, payload: EventOf<E>) => void;
  initialSettings?: Partial<Settings>;
  /** Where settings persist between launches (JSON); none: they last for this run. */
  settingsFile?: string;
}

const DEFAULT_SETTINGS: Settings = { theme: 'system', partsInFlight: 8, onConflict: 'skip' };

export class DesktopBackend {
  private client: FrameioClient | null = null;
  private apiUrl: string | null = null;
  private user: User | null = null;
  private sandbox: { apiUrl: string; close(): Promise<void> } | null = null;
  private session: EngineSession | null = null;
  private settings: Settings;
  private readonly queue = new QueueRows();
  private connecting = false;
  private restoreProblem: string | null = null;
  /** The API a saved token could not sign in to for want of a network: tried again when the OS says it is back. */
  private retryRestoreUrl: string | null = null;
  /** The last network state the OS reported (networkHint), so the renderer hears of changes only. */
  private osOnline: boolean | null = null;

  constructor(private readonly deps: BackendDeps) {
    this.settings = { ...DEFAULT_SETTINGS, ...(deps.settingsFile ? loadSettings(deps.settingsFile) : {}), ...deps.initialSettings };
  }

  status(): AuthStatus {
    return {
      signedIn: this.client !== null,
      apiUrl: this.apiUrl,
      user: this.user ? { id: this.user.id, name: this.user.name, email: this.user.email } : null,
      sandbox: this.sandbox !== null,
      keychainAvailable: this.deps.keychainAvailable,
      connecting: this.connecting,
      problem: this.client ? null : this.restoreProblem,
    };
  }

  private get engine(): UploadEngine | null {
    return this.session?.engine ?? null;
  }

  /** Start-up with no account configured: the app opens on the sandbox (demo projects, nothing leaves the computer);
   * signing out of it leads to the Frame.io sign-in. */
  async restoreOrSandbox(apiUrl = DEFAULT_V2_API_URL): Promise<AuthStatus> {
    this.connecting = true; // at once: a window asking meanwhile sees "connecting", not the sign-in form
    try {
      const status = await this.restore(apiUrl);
      if (status.signedIn || (await this.deps.vault.get(apiUrl))) return status; // a stored token that failed: say so, do not hide it
      return await this.handlers()['auth:useSandbox']({});
    } finally {
      this.connecting = false;
    }
  }

  /** Start-up: sign in with a token already in the keychain, if any, and continue what an earlier run left unfinished. */
  async restore(apiUrl = DEFAULT_V2_API_URL): Promise<AuthStatus> {
    const token = await this.deps.vault.get(apiUrl);
    if (token) {
      this.connecting = true;
      this.deps.push('auth:changed', this.status());
      try {
        await this.connect(apiUrl, token);
        this.restoreProblem = null;
        this.retryRestoreUrl = null;
        await this.resumeJournaled();
      } catch (error) {
        const offline = error instanceof FrameioError && error.kind === 'network';
        this.restoreProblem = offline
          ? 'Could not reach Frame.io to sign you in. Ferry tries again when the network is back; your unfinished uploads are kept.'
          : error instanceof FrameioError && error.kind === 'unauthorized'
            ? 'Frame.io no longer accepts the saved token. Paste a new one to sign in; your unfinished uploads continue after that.'
            : `Could not sign in with the saved token: ${error instanceof Error ? error.message : String(error)}`;
        this.retryRestoreUrl = offline ? apiUrl : null;
      } finally {
        this.connecting = false;
      }
      this.deps.push('auth:changed', this.status());
    }
    return this.status();
  }

  private async connect(apiUrl: string, token: string): Promise<void> {
    const client = new V2Client({ baseUrl: apiUrl, token, onRateLimited: (waitMs) => this.deps.push('service:slowDown', { waitSeconds: Math.ceil(waitMs / 1000) }) });
    const user = await client.me(); // a bad token fails here, before anything is stored or stopped
    await this.session?.stop(); // one engine at a time: the old one's batches end journaled, ready to be resumed
    if (this.sandbox && this.sandbox.apiUrl !== apiUrl) {
      // Signing in to a real account from the sandbox: the sandbox has no one left to serve.
      await this.sandbox.close();
      this.sandbox = null;
    }
    this.queue.clear(); // file ids start again at 0 in the new engine
    this.client = client;
    this.apiUrl = apiUrl;
    this.user = user;
    this.session = new EngineSession({ client, apiUrl, journalDir: this.deps.journalDir, concurrency: this.settings.partsInFlight }, (event) => this.forward(event));
  }

  /** Uploads journaled by an earlier run (or before a sign-out) for this API continue by themselves: their rows appear
   * in uploads:list and their events flow like any other. A journal that cannot be read must not block signing in. */
  private async resumeJournaled(): Promise<void> {
    const { session, client, apiUrl } = this;
    if (!session || !client || !apiUrl) return;
    await session
      .resumeJournaled(this.deps.journalDir, apiUrl, async (batch) => {
        const folder = await client.getAsset(batch.targetFolderId).catch(() => null);
        if (folder) this.queue.nameBatchFolder(batch.id, folder.name);
      })
      .catch(() => undefined);
  }

  /** Uploads that would be cut off by quitting now (the quit prompt asks before it does that). */
  activeUploadCount(): number {
    return this.session?.activeCount() ?? 0;
  }

  /** What the OS says about the network (main/os/power-events.ts): files waiting for it look again at once, and the
   * renderer hears when that changes. */
  networkHint(online: boolean): void {
    this.engine?.networkChanged(online);
    if (online && this.retryRestoreUrl && !this.client && !this.connecting) void this.restore(this.retryRestoreUrl);
    if (online === this.osOnline) return;
    this.osOnline = online;
    this.deps.push('network:changed', { online });
  }

  private forward(event: EngineEvent): void {
    if (event.type === 'batch') {
      const { engine } = this;
      this.queue.addBatch(event.batchId, event.fileIds.map((id) => engine?.file(id)).filter((f) => f !== undefined));
    } else if (event.type === 'state') {
      const row = this.queue.update(event.file);
      if (row) this.deps.push('uploads:state', { row });
    } else if (event.type === 'progress') {
      const rows = event.files.map((f) => this.queue.update(f)).filter((r): r is UploadRow => r !== null);
      if (rows.length) this.deps.push('uploads:progress', { rows });
    } else if (event.type === 'warning') {
      this.deps.push('uploads:warning', { message: event.message });
    } else if (event.type === 'network') {
      this.deps.push('network:changed', { online: event.online });
    }
  }

  private need(): { client: FrameioClient; engine: UploadEngine; session: EngineSession } {
    if (!this.client || !this.session) throw new Error('not signed in');
    return { client: this.client, engine: this.session.engine, session: this.session };
  }

  private async signOutInternal(forget: boolean): Promise<void> {
    if (forget && this.apiUrl && !this.sandbox) await this.deps.vault.delete(this.apiUrl);
    await this.session?.stop(); // before the sandbox goes: its batches end journaled, not failed
    this.session = null;
    this.queue.clear();
    await this.sandbox?.close();
    this.sandbox = null;
    this.client = null;
    this.user = null;
    this.apiUrl = null;
  }

  handlers(): Handlers {
    return {
      'auth:status': async () => this.status(),
      'auth:signIn': async ({ token, apiUrl }) => {
        const url = apiUrl ?? DEFAULT_V2_API_URL;
        try {
          await this.connect(url, token);
        } catch (error) {
          if (error instanceof FrameioError && error.kind === 'unauthorized') throw new Error('Frame.io rejected this token. Check it and try again.', { cause: error });
          throw error;
        }
        await this.deps.vault.set(url, token);
        await this.resumeJournaled();
        const status = this.status();
        this.deps.push('auth:changed', status);
        return status;
      },
      'auth:signOut': async () => {
        await this.signOutInternal(true);
        const status = this.status();
        this.deps.push('auth:changed', status);
        return status;
      },
      'auth:useSandbox': async () => {
        await this.signOutInternal(false);
        const { startSandbox } = await import('../../sandbox/index');
        const sandbox = await startSandbox({ dataDir: this.deps.sandboxDataDir });
        this.sandbox = sandbox;
        await this.connect(sandbox.apiUrl, sandbox.token); // the sandbox token stays in main, like any other
        const status = this.status();
        this.deps.push('auth:changed', status);
        return status;
      },
      'browse:accounts': async () => this.need().client.listAccounts(),
      'browse:workspaces': async ({ accountId }) => this.need().client.listWorkspaces(accountId),
      'browse:projects': async ({ accountId, workspaceId }) =>
        (await this.need().client.listProjects({ id: workspaceId, accountId, name: '' })).map((p) => ({ ...p })),
      'browse:sharedProjects': async () => this.need().client.listSharedProjects(),
      'browse:children': async ({ folderId, cursor, pageSize }) => {
        const page = await this.need().client.listChildrenPage(folderId, cursor, pageSize);
        return { items: page.items.map(assetToContract), next: page.next, total: page.total };
      },
      'browse:createFolder': async ({ parentId, name }) => assetToContract(await this.need().client.createFolder(parentId, name)),
      'uploads:preflight': async ({ paths, folderId }) => preflight(this.need().client, paths, folderId),
      'uploads:enqueue': async ({ paths, folderId, onConflict, versionOf }) => {
        const { client, engine, session } = this.need();
        checkLocalPaths(paths);
        const scan = await scanPaths(paths);
        if (scan.files.length === 0 && scan.folders.length === 0) throw new Error(scan.problems[0]?.message ?? 'nothing to upload');
        if (versionOf && (scan.files.length !== 1 || scan.folders.length !== 0)) throw new Error('A new version must be exactly one file (not a folder or several files).');
        const folder = await client.getAsset(folderId);
        const { batchId, fileIds, done } = engine.enqueue({
          scan,
          targetFolderId: folderId,
          onConflict: onConflict ?? this.settings.onConflict,
          ...(versionOf ? { versionOf: { assetId: versionOf, parentId: folderId } } : {}),
        });
        session.track(done).catch(() => undefined); // failures are reported per file through the state events
        this.queue.placeIn(fileIds, folder.name);
        return { batchId, fileIds };
      },
      'uploads:pause': async ({ ids, batchId }) => (this.need().engine.pause(this.select(ids, batchId)), {}),
      'uploads:resume': async ({ ids, batchId }) => (this.need().engine.resume(this.select(ids, batchId)), {}),
      'uploads:cancel': async ({ ids, batchId }) => (this.need().engine.cancel(this.select(ids, batchId)), {}),
      'uploads:retry': async ({ ids, batchId }) => {
        const { engine, session } = this.need();
        // Rows for the retried files arrive with the retry batch's event; progress and outcomes as state events.
        void session.track(engine.retry(batchId ? engine.fileIdsOf(batchId) : ids)).catch(() => undefined);
        return {};
      },
      'uploads:list': async () => this.rows(),
      'files:pick': async ({ kind }) => ({ paths: await this.deps.pickPaths(kind) }),
      'files:reveal': async ({ path }) => (await this.deps.reveal(path), {}),
      'settings:get': async () => this.settings,
      'settings:set': async (patch) => {
        this.settings = { ...this.settings, ...patch };
        if (this.deps.settingsFile) saveSettings(this.deps.settingsFile, this.settings);
        return this.settings;
      },
    };
  }

  /** Every queue row: what `uploads:list` answers, and what the OS integration summarises. */
  rows(): UploadRow[] {
    if (!this.session) return [];
    return this.queue.rows();
  }

  private select(ids: number[] | undefined, batchId: string | undefined): number[] | undefined {
    if (batchId) return this.engine?.fileIdsOf(batchId) ?? [];
    return ids;
  }

  /** Quitting: uploads stop as interrupted, every batch's journal gets its final write (they continue at the next
   * launch), then the sandbox, if any, closes. The token stays in the keychain. */
  async close(): Promise<void> {
    await this.signOutInternal(false);
  }
}
