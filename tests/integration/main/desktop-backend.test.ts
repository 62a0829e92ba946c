// The desktop app's handlers over the real core and the sandbox, called through the same dispatch (validation)
// path the IPC wrapper uses — what the browser test host will do for the UI.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DesktopBackend, type TokenVault } from '../../../src/main/backend/desktop-backend';
import { dispatchDropped } from './dispatch-dropped';
import type { InvokeChannel } from '../../../src/shared/ipc/contract';
import type { AuthStatus, UploadRow } from '../../../src/shared/ipc/schemas';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { TcpProxy } from '../../support/tcp-proxy';
import { waitFor } from '../../support/wait';
import { FINAL_STATUSES } from '../../../src/shared/upload-status';
import { Journal } from '../../../src/core/upload/journal';

let work: string;
let account: Sandbox;
const vaultData = new Map<string, string>();
const vault: TokenVault = {
  get: async (url) => vaultData.get(url) ?? null,
  set: async (url, token) => void vaultData.set(url, token),
  delete: async (url) => void vaultData.delete(url),
};
const pushed: Array<{ event: string; payload: unknown }> = [];
let backend: DesktopBackend;
const call = <C extends InvokeChannel>(channel: C, payload: unknown = {}) => dispatchDropped(backend, channel, payload);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-backend-'));
  account = await startSandbox(); // stands for a real Frame.io account
  backend = new DesktopBackend({
    vault,
    keychainAvailable: true,
    journalDir: path.join(work, 'journal'),
    sandboxDataDir: path.join(work, 'sandbox'),
    pickPaths: async () => [],
    reveal: async () => {},
    push: (event, payload) => void pushed.push({ event, payload }),
  });
});
afterAll(async () => {
  await backend?.close();
  await account?.close();
  await rm(work, { recursive: true, force: true });
});

describe('desktop backend', () => {
  it('refuses a bad token and stores nothing', async () => {
    await expect(call('auth:signIn', { token: 'fio-u-definitely-wrong', apiUrl: account.apiUrl })).rejects.toThrow(/rejected this token/);
    expect(vaultData.size).toBe(0);
    expect((await call('auth:status')).signedIn).toBe(false);
  });

  it('signs in: validates with /me, keeps the token in the vault, never in what the renderer sees', async () => {
    const status = await call('auth:signIn', { token: account.token, apiUrl: account.apiUrl });
    expect(status).toMatchObject({ signedIn: true, apiUrl: account.apiUrl, user: { name: 'Demo User' }, sandbox: false });
    expect(vaultData.get(account.apiUrl)).toBe(account.token);
    expect(JSON.stringify(status) + JSON.stringify(pushed)).not.toContain(account.token);
  });

  it('restores the session from the vault at start-up, and signing out forgets the token', async () => {
    const again = new DesktopBackend({ vault, keychainAvailable: true, journalDir: path.join(work, 'j2'), sandboxDataDir: path.join(work, 's2'), pickPaths: async () => [], reveal: async () => {}, push: () => {} });
    expect((await again.restore(account.apiUrl)).signedIn).toBe(true);
    await dispatchDropped(again, 'auth:signOut', {});
    expect(vaultData.has(account.apiUrl)).toBe(false);
    await again.close();
    await call('auth:signIn', { token: account.token, apiUrl: account.apiUrl });
  });

  it('browses accounts → workspaces → projects → folder pages', async () => {
    const [first] = await call('browse:accounts');
    const workspaces = await call('browse:workspaces', { accountId: first?.id });
    const projects = await call('browse:projects', { accountId: first?.id, workspaceId: workspaces[0]?.id });
    const demo = projects.find((p) => p.name === 'Demo Project');
    expect(demo).toBeDefined();
    const page = await call('browse:children', { folderId: demo?.rootFolderId, cursor: null, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.next).not.toBeNull();
    expect((await call('browse:sharedProjects')).length).toBeGreaterThan(0);
  });

  it('uploads a dropped folder, pushing state and progress rows, byte-for-byte', async () => {
    const root = path.join(work, 'Drop');
    const locals = [await makeFile(path.join(root, 'Cam A', 'a.mov'), 3_000_000), await makeFile(path.join(root, 'b.wav'), 40_000)];
    const folder = await call('browse:createFolder', { parentId: account.rootAssetId, name: `desk-${Date.now()}` });
    const { fileIds } = await call('uploads:enqueue', { paths: [root], folderId: folder.id });
    expect(fileIds).toHaveLength(2);
    let rows: UploadRow[] = [];
    await waitFor(async () => (rows = await call('uploads:list')).length === 2 && rows.every((r) => FINAL_STATUSES.has(r.status)), 'both files to finish');
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(rows.find((r) => r.name === 'a.mov')?.destination).toBe(`${folder.name}/Drop/Cam A`);
    expect(pushed.some((p) => p.event === 'uploads:state')).toBe(true);
    const client = new V2Client({ baseUrl: account.apiUrl, token: account.token });
    for (const row of rows) {
      const asset = await client.getAsset(row.assetId as string);
      const local = locals.find((l) => path.basename(l) === row.name) as string;
      expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(local));
    }
  });

  it('pre-flight: counts, size, skipped junk, unreadable items and name clashes, before any byte moves', async () => {
    const root = path.join(work, 'Preflight');
    await makeFile(path.join(root, 'Card', 'A.mov'), 1000);
    await makeFile(path.join(root, 'Card', 'Sub', 'B.mov'), 500);
    await makeFile(path.join(root, 'Card', '.DS_Store'), 4);
    const clash = await makeFile(path.join(root, 'welcome.txt'), 10);
    const before = (await call('browse:children', { folderId: account.rootAssetId, cursor: null, pageSize: 500 })).items.length;
    const summary = await call('uploads:preflight', { paths: [path.join(root, 'Card'), clash, path.join(root, 'missing.mov')], folderId: account.rootAssetId });
    expect(summary).toMatchObject({ files: 3, folders: 2, totalBytes: 1510, skippedJunk: 1, clashes: ['welcome.txt'] });
    expect(summary.problems).toEqual([expect.stringMatching(/missing\.mov: no such file or folder/)]);
    expect((await call('browse:children', { folderId: account.rootAssetId, cursor: null, pageSize: 500 })).items.length).toBe(before);
  });

  it('re-validates dropped paths: relative paths and NUL bytes are refused with a clear error', async () => {
    await expect(call('uploads:preflight', { paths: ['footage/A.mov'], folderId: account.rootAssetId })).rejects.toThrow(/not an absolute path/);
    await expect(call('uploads:enqueue', { paths: ['/tmp/a\0b'], folderId: account.rootAssetId })).rejects.toThrow(/NUL byte/);
    // A new version is one file: a folder dropped onto a clip must not stack its contents onto it.
    const card = path.join(work, 'VersionCard');
    await makeFile(path.join(card, 'B001.mov'), 100);
    const welcome = (await call('browse:children', { folderId: account.rootAssetId, cursor: null, pageSize: 100 })).items.find((a) => a.name === 'welcome.txt');
    await expect(call('uploads:enqueue', { paths: [card], folderId: account.rootAssetId, versionOf: welcome!.id })).rejects.toThrow(/exactly one file/);
  });

  it('retries a canceled file into the same folder', async () => {
    const file = await makeFile(path.join(work, 'retry', 'r.mov'), 2_000_000);
    const folder = await call('browse:createFolder', { parentId: account.rootAssetId, name: `retry-${Date.now()}` });
    account.setFaults({ seed: 1, putSlow: 1, slowBytesPerSec: 200_000 });
    try {
      const { fileIds } = await call('uploads:enqueue', { paths: [file], folderId: folder.id });
      await call('uploads:cancel', { ids: fileIds });
      await waitFor(async () => (await call('uploads:list')).find((r) => r.id === fileIds[0])?.status === 'canceled', 'the file to be canceled');
    } finally {
      account.setFaults({});
    }
    await call('uploads:retry', {});
    await waitFor(async () => (await call('uploads:list')).some((r) => r.name === 'r.mov' && r.status === 'completed'), 'the retried file to complete');
    const client = new V2Client({ baseUrl: account.apiUrl, token: account.token });
    const children = await client.listChildren(folder.id);
    expect(children.map((a) => [a.name, a.uploadComplete])).toEqual([['r.mov', true]]);
  });

  it('"Try the sandbox" signs in to an in-process sandbox', async () => {
    const status = await call('auth:useSandbox');
    expect(status).toMatchObject({ signedIn: true, sandbox: true, user: { name: 'Demo User' } });
    expect((await call('browse:accounts')).length).toBeGreaterThan(0);
  });

  it('a saved token that cannot reach Frame.io at start-up says why, and signs in when the OS says the network is back', async () => {
    // The account's API behind an unpluggable proxy: unplugged = no network.
    const proxy = new TcpProxy();
    proxy.targetPort = Number(new URL(account.apiUrl).port);
    await proxy.plug();
    const apiUrl = `${proxy.origin}${new URL(account.apiUrl).pathname}`;
    await proxy.unplug();
    const statuses: AuthStatus[] = [];
    const offline = new DesktopBackend({
      vault: { get: async (url) => (url === apiUrl ? account.token : null), set: async () => {}, delete: async () => {} },
      keychainAvailable: true, journalDir: path.join(work, 'j4'), sandboxDataDir: path.join(work, 's4'), pickPaths: async () => [], reveal: async () => {},
      push: (event, payload) => { if (event === 'auth:changed') statuses.push(payload as never); },
    });
    try {
      const starting = offline.restoreOrSandbox(apiUrl);
      expect(offline.status().connecting).toBe(true); // a window asking meanwhile shows "Connecting to Frame.io…"
      const status = await starting;
      expect(status).toMatchObject({ signedIn: false, sandbox: false, connecting: false });
      expect(status.problem).toMatch(/Could not reach Frame.io .* tries again when the network is back/);
      expect(statuses.at(0)).toMatchObject({ connecting: true });
      await proxy.plug(); // the network is back…
      offline.networkHint(true); // …and the OS says so
      await waitFor(() => statuses.some((s) => s.signedIn === true), 'auth:changed signed in');
      expect(offline.status()).toMatchObject({ signedIn: true, problem: null, apiUrl });
    } finally {
      await offline.close();
      await proxy.unplug();
    }
  });

  it('opens on the sandbox when no account is configured; signing in to an account from there closes it', async () => {
    const fresh = new DesktopBackend({ vault: { get: async () => null, set: async () => {}, delete: async () => {} }, keychainAvailable: true, journalDir: path.join(work, 'j3'), sandboxDataDir: path.join(work, 's3'), pickPaths: async () => [], reveal: async () => {}, push: () => {} });
    try {
      const status = await fresh.restoreOrSandbox();
      expect(status).toMatchObject({ signedIn: true, sandbox: true });
      const sandboxUrl = status.apiUrl!;
      const signedIn = await dispatchDropped(fresh, 'auth:signIn', { token: account.token, apiUrl: account.apiUrl });
      expect(signedIn).toMatchObject({ signedIn: true, sandbox: false, apiUrl: account.apiUrl });
      await expect(fetch(`${sandboxUrl}/me`)).rejects.toThrow(); // the sandbox server is gone
    } finally {
      await fresh.close();
    }
  });

  it('a keychain that refuses the new token leaves the previous account signed in, its session still working', async () => {
    // Security review: connect() used to switch sessions before the keychain write, so a write that failed reported
    // "failed" while the new account was live and the old session stopped. Now the switch happens only after it.
    const other = await startSandbox(); // a second account
    const saved = new Map<string, string>();
    let keychainLocked = false;
    const statuses: AuthStatus[] = [];
    const b = new DesktopBackend({
      vault: {
        get: async (url) => saved.get(url) ?? null,
        set: async (url, token) => {
          if (keychainLocked) throw new Error('the keychain is locked');
          saved.set(url, token);
        },
        delete: async (url) => void saved.delete(url),
      },
      keychainAvailable: true, journalDir: path.join(work, 'j-locked'), sandboxDataDir: path.join(work, 's-locked'), pickPaths: async () => [], reveal: async () => {},
      push: (event, payload) => { if (event === 'auth:changed') statuses.push(payload as AuthStatus); },
    });
    try {
      await dispatchDropped(b, 'auth:signIn', { token: account.token, apiUrl: account.apiUrl });
      keychainLocked = true;
      const heard = statuses.length;
      await expect(dispatchDropped(b, 'auth:signIn', { token: other.token, apiUrl: other.apiUrl })).rejects.toThrow(/keychain/);
      expect(b.status()).toMatchObject({ signedIn: true, apiUrl: account.apiUrl, sandbox: false });
      expect(statuses.slice(heard).every((s) => s.signedIn && s.apiUrl === account.apiUrl)).toBe(true); // never the other account
      expect([...saved]).toEqual([[account.apiUrl, account.token]]);
      // The previous session is the live one: it browses and uploads.
      const folder = await dispatchDropped(b, 'browse:createFolder', { parentId: account.rootAssetId, name: `locked-${Date.now()}` });
      const local = await makeFile(path.join(work, 'locked', 'still.mov'), 50_000);
      const { fileIds } = await dispatchDropped(b, 'uploads:enqueue', { paths: [local], folderId: folder.id });
      await waitFor(async () => (await dispatchDropped(b, 'uploads:list', {})).some((r) => r.id === fileIds[0] && r.status === 'completed'), 'the upload to the previous account');
      const [asset] = await new V2Client({ baseUrl: account.apiUrl, token: account.token }).listChildren(folder.id);
      expect(await sha256Url(asset?.originalUrl as string)).toBe(await sha256File(local));
    } finally {
      await b.close();
      await other.close();
    }
  });

  it('validates requests on the way in (the same path as IPC)', async () => {
    await expect(call('uploads:enqueue', { paths: [], folderId: 'x' })).rejects.toThrow(/invalid request/);
    await expect(call('settings:set', { partsInFlight: 1000 })).rejects.toThrow(/invalid request/);
    expect(await call('settings:set', { theme: 'dark' })).toMatchObject({ theme: 'dark', partsInFlight: 8 });
  });
});

describe('OS network hints', () => {
  it('reach the engine every time, and the renderer once per change', async () => {
    const { UploadEngine } = await import('../../../src/core/upload/engine');
    const networkChanged = vi.spyOn(UploadEngine.prototype, 'networkChanged');
    try {
      expect((await call('auth:status')).signedIn).toBe(true);
      const from = pushed.length;
      backend.networkHint(false);
      backend.networkHint(true);
      backend.networkHint(true); // woke up, still online: the engine looks again, the renderer hears nothing new
      expect(networkChanged.mock.calls).toEqual([[false], [true], [true]]);
      expect(pushed.slice(from)).toEqual([
        { event: 'network:changed', payload: { online: false } },
        { event: 'network:changed', payload: { online: true } },
      ]);
    } finally {
      networkChanged.mockRestore();
    }
  });
});

describe('quit mid-upload, resume at the next launch', () => {
  const MiB = 1024 * 1024;
  let storage: Sandbox; // keeps running across both "launches", like Frame.io would

  beforeAll(async () => {
    storage = await startSandbox({ partSizeBytes: MiB });
  });
  afterAll(async () => {
    await storage?.close();
  });

  /** A push sink whose `until` resolves when a pushed event matches: waits on the app's events, not on a clock. An
   * event that never comes fails the wait after `timeoutMs` (a deadline, not a sleep), naming what it waited for. */
  function events() {
    const waiters: Array<{ match: (event: string, payload: unknown) => boolean; resolve: () => void }> = [];
    const push = (event: string, payload: unknown) => {
      for (const w of waiters.filter((w) => w.match(event, payload))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    const until = (match: (event: string, payload: unknown) => boolean, what = 'a pushed event', timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
        waiters.push({ match, resolve: () => (clearTimeout(timer), resolve()) });
      });
    return { push, until };
  }
  const rowsOf = (event: string, payload: unknown): UploadRow[] =>
    event === 'uploads:progress' ? (payload as { rows: UploadRow[] }).rows : event === 'uploads:state' ? [(payload as { row: UploadRow }).row] : [];

  it('close() keeps the unfinished upload journaled; a new backend on the same journal continues it after restore()', async () => {
    const journalDir = path.join(work, 'quit-journal');
    const launchVault = new Map<string, string>();
    const deps = (push: (event: string, payload: unknown) => void) => ({
      vault: { get: async (url: string) => launchVault.get(url) ?? null, set: async (url: string, token: string) => void launchVault.set(url, token), delete: async () => {} },
      keychainAvailable: true,
      journalDir,
      sandboxDataDir: path.join(work, 'quit-sandbox'),
      pickPaths: async () => [],
      reveal: async () => {},
      push,
      initialSettings: { partsInFlight: 2 },
    });
    const local = await makeFile(path.join(work, 'quit', 'long.mov'), 12 * MiB + 12_345);

    // First launch: sign in, start the upload with storage slowed down, quit once a few parts are acknowledged.
    const first = events();
    const before = new DesktopBackend(deps(first.push));
    const folderName = `quit-${Date.now()}`;
    await dispatchDropped(before, 'auth:signIn', { token: storage.token, apiUrl: storage.apiUrl });
    const folderId = (await dispatchDropped(before, 'browse:createFolder', { parentId: storage.rootAssetId, name: folderName })).id;
    storage.setFaults({ seed: 1, putSlow: 1, slowBytesPerSec: 2 * MiB });
    try {
      const someAcknowledged = first.until((event, payload) => rowsOf(event, payload).some((r) => r.acknowledgedBytes >= 2 * MiB), '2 MiB acknowledged');
      await dispatchDropped(before, 'uploads:enqueue', { paths: [local], folderId });
      await someAcknowledged;
      expect(before.activeUploadCount()).toBe(1);
      await before.close();
    } finally {
      storage.setFaults({});
    }
    expect(await dispatchDropped(before, 'uploads:list', {})).toEqual([]); // closed: no engine, no rows
    // Read as the next launch reads it (whatever files the journal keeps a batch in).
    const { batches } = await new Journal(journalDir).list();
    expect(batches).toHaveLength(1);
    const journaled = batches[0] as { files: Array<{ assetId: string | null; partsDone: number[]; status: string }> };
    expect(journaled.files[0]?.partsDone.length).toBeGreaterThanOrEqual(2); // the final write after the interruption
    expect(journaled.files[0]?.partsDone.length).toBeLessThan(13);
    const assetId = journaled.files[0]?.assetId;

    // Next launch: the same journal and vault; restore() signs in from the vault and carries on by itself.
    const second = events();
    const after = new DesktopBackend(deps(second.push));
    try {
      const completed = second.until((event, payload) => rowsOf(event, payload).some((r) => r.status === 'completed'), 'the resumed upload to complete');
      expect(await after.restore(storage.apiUrl)).toMatchObject({ signedIn: true, apiUrl: storage.apiUrl });
      const [resumed] = await dispatchDropped(after, 'uploads:list', {});
      expect(resumed).toMatchObject({ name: 'long.mov', destination: folderName, assetId });
      expect(resumed?.acknowledgedBytes).toBeGreaterThanOrEqual(2 * MiB); // continues: the acknowledged parts are not sent again
      await completed;
    } finally {
      await after.close();
    }
    const client = new V2Client({ baseUrl: storage.apiUrl, token: storage.token });
    const children = await client.listChildren(folderId);
    expect(children.map((a) => [a.id, a.name, a.uploadComplete])).toEqual([[assetId, 'long.mov', true]]);
    expect(await sha256Url(children[0]?.originalUrl as string)).toBe(await sha256File(local));
    const resent = Object.values(storage.stats().partPuts[assetId as string] ?? {}).filter((count) => count > 1).length;
    expect(resent).toBeLessThanOrEqual(2); // at most the parts in flight when it quit
    expect(await readdir(journalDir)).toEqual([]); // finished: nothing left to resume
  });

  it('a file the person paused is still paused after quitting and relaunching, and finishes when resumed', async () => {
    const journalDir = path.join(work, 'pause-journal');
    const vaultData = new Map<string, string>();
    const deps = (push: (event: string, payload: unknown) => void) => ({
      vault: { get: async (url: string) => vaultData.get(url) ?? null, set: async (url: string, token: string) => void vaultData.set(url, token), delete: async () => {} },
      keychainAvailable: true, journalDir, sandboxDataDir: path.join(work, 'pause-sandbox'), pickPaths: async () => [], reveal: async () => {}, push,
      initialSettings: { partsInFlight: 2 },
    });
    const local = await makeFile(path.join(work, 'pause', 'metered.mov'), 6 * MiB + 7);
    const first = events();
    const before = new DesktopBackend(deps(first.push));
    await dispatchDropped(before, 'auth:signIn', { token: storage.token, apiUrl: storage.apiUrl });
    const folderId = (await dispatchDropped(before, 'browse:createFolder', { parentId: storage.rootAssetId, name: `pause-${Date.now()}` })).id;
    storage.setFaults({ seed: 2, putSlow: 1, slowBytesPerSec: 1 * MiB });
    try {
      const started = first.until((event, payload) => rowsOf(event, payload).some((r) => r.acknowledgedBytes >= MiB), '1 MiB acknowledged');
      const { fileIds } = await dispatchDropped(before, 'uploads:enqueue', { paths: [local], folderId });
      await started;
      const paused = first.until((event, payload) => rowsOf(event, payload).some((r) => r.status === 'paused'), 'the file to be paused');
      await dispatchDropped(before, 'uploads:pause', { ids: fileIds });
      await paused;
      expect(before.activeUploadCount()).toBe(0); // nothing moving: quitting does not need to ask
      await before.close();
    } finally {
      storage.setFaults({});
    }

    const second = events();
    const after = new DesktopBackend(deps(second.push));
    try {
      await after.restore(storage.apiUrl);
      const [row] = await dispatchDropped(after, 'uploads:list', {});
      expect(row).toMatchObject({ name: 'metered.mov', status: 'paused' });
      // A paused file must not send: a small upload in the same session runs to its end meanwhile, and the only part
      // sent is its own.
      const puts = storage.stats().partPutAttempts;
      const probe = await makeFile(path.join(work, 'pause', 'probe.txt'), 100);
      const probed = second.until((event, payload) => rowsOf(event, payload).some((r) => r.name === 'probe.txt' && r.status === 'completed'), 'probe.txt to complete');
      await dispatchDropped(after, 'uploads:enqueue', { paths: [probe], folderId: storage.rootAssetId });
      await probed;
      expect(storage.stats().partPutAttempts).toBe(puts + 1);
      expect((await dispatchDropped(after, 'uploads:list', {})).find((r) => r.id === row!.id)?.status).toBe('paused');
      const completed = second.until((event, payload) => rowsOf(event, payload).some((r) => r.name === 'metered.mov' && r.status === 'completed'), 'metered.mov to complete');
      await dispatchDropped(after, 'uploads:resume', { ids: [row!.id] });
      await completed;
    } finally {
      await after.close();
    }
    const [asset] = await new V2Client({ baseUrl: storage.apiUrl, token: storage.token }).listChildren(folderId);
    expect(await sha256Url(asset?.originalUrl as string)).toBe(await sha256File(local));
  });
});
