// The desktop backend on Frame.io V4, through the same dispatch (validation) path the IPC wrapper and the browser
// host use, against the sandbox's V4: sign-in with either kind of token, the Account → Workspace → Project tree with
// each project's account, and account scoping — a folder reached in any account (a second account of the user, a
// project another account shared) is browsed, created in, uploaded into and versioned on with every V4 URL naming
// its account, also by a client that learned nothing yet (a new sign-in, the next launch resuming a journal).
// What arrived is read back through V2 (the same store): names, stacks and sha256 of the stitched bytes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { Journal } from '../../../src/core/upload/journal';
import { type BackendDeps, DesktopBackend } from '../../../src/main/backend/desktop-backend';
import { dispatchDropped } from './dispatch-dropped';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import type { InvokeChannel } from '../../../src/shared/ipc/contract';
import type { UploadRow } from '../../../src/shared/ipc/schemas';
import { FINAL_STATUSES } from '../../../src/shared/upload-status';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
let work: string;
let account: Sandbox;
let check: V2Client;
/** Every API call the sandbox answered: "api GET /v4/accounts/…/children 200 3ms". */
const apiLog: string[] = [];
const backends: DesktopBackend[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-backend-v4-'));
  account = await startSandbox({ dataDir: path.join(work, 'account'), partSizeBytes: MiB, partPlan: 'short-first', log: (line) => void apiLog.push(line) });
  check = new V2Client({ baseUrl: account.apiUrl, token: account.token });
});
afterAll(async () => {
  for (const b of backends) await b.close();
  await account?.close();
  await rm(work, { recursive: true, force: true });
});

function memoryVault(data = new Map<string, string>()): BackendDeps['vault'] {
  return { get: async (url) => data.get(url) ?? null, set: async (url, token) => void data.set(url, token), delete: async (url) => void data.delete(url) };
}

function newBackend(name: string, extra: Partial<BackendDeps> = {}): DesktopBackend {
  const backend = new DesktopBackend({
    vault: memoryVault(), keychainAvailable: true, journalDir: path.join(work, name, 'journal'), sandboxDataDir: path.join(work, name, 'sandbox'),
    pickPaths: async () => [], reveal: async () => {}, push: () => {}, ...extra,
  });
  backends.push(backend);
  return backend;
}

const call = <C extends InvokeChannel>(backend: DesktopBackend, channel: C, payload: unknown = {}) => dispatchDropped(backend, channel, payload);
/** V4 calls the sandbox answered 404 since `from` (an id looked for in the wrong account answers exactly that). */
const notFoundSince = (from: number) => apiLog.slice(from).filter((line) => / \/v4\/.* 404 /.test(line));

async function untilSettled(backend: DesktopBackend, count: number): Promise<UploadRow[]> {
  let rows: UploadRow[] = [];
  await waitFor(async () => (rows = await call(backend, 'uploads:list')).length === count && rows.every((r) => FINAL_STATUSES.has(r.status)), `${count} uploads to settle`, 60_000);
  return rows;
}

/** The projects of the tree, as the window loads them: accounts → workspaces → projects, then shared. */
async function projectsOf(backend: DesktopBackend) {
  const projects = [];
  for (const a of await call(backend, 'browse:accounts')) {
    for (const w of await call(backend, 'browse:workspaces', { accountId: a.id })) projects.push(...(await call(backend, 'browse:projects', { accountId: a.id, workspaceId: w.id })));
  }
  return [...projects, ...(await call(backend, 'browse:sharedProjects'))];
}

describe('desktop backend on V4', () => {
  it('signs in with the access token, and with a legacy developer token (sent with its V4 header); refuses a bad one', async () => {
    const backend = newBackend('tokens');
    await expect(call(backend, 'auth:signIn', { token: 'fio-u-not-a-real-token', apiUrl: account.apiV4Url })).rejects.toThrow(/rejected this token/);
    expect(await call(backend, 'auth:signIn', { token: account.token, apiUrl: account.apiV4Url })).toMatchObject({ signedIn: true, apiUrl: account.apiV4Url, user: { name: 'Demo User' } });
    await call(backend, 'auth:signOut');
    expect(await call(backend, 'auth:signIn', { token: account.legacyToken, apiUrl: account.apiV4Url })).toMatchObject({ signedIn: true, apiUrl: account.apiV4Url });
    expect((await call(backend, 'browse:accounts')).map((a) => a.name)).toEqual(['Demo Account', 'Second Studio', 'Partner Studio']);
  });

  it('the tree: Account → Workspace → Project → folders, each project with its account; shared ones with the account that shared them', async () => {
    const backend = newBackend('tree');
    await call(backend, 'auth:signIn', { token: account.token, apiUrl: account.apiV4Url });
    const [demo, second, partner] = await call(backend, 'browse:accounts');
    expect((await call(backend, 'browse:workspaces', { accountId: second!.id })).map((w) => w.name)).toEqual(['Second Team']);
    expect(await call(backend, 'browse:workspaces', { accountId: partner!.id })).toEqual([]); // a guest: no workspace of its own
    const projects = await projectsOf(backend);
    expect(projects.map((p) => [p.name, p.accountId, p.shared])).toEqual([
      ['Demo Project', demo!.id, false],
      ['Archive', demo!.id, false],
      ['Second Project', account.secondAccountId, false],
      ['Partner Review', partner!.id, true],
    ]);
    expect(projects.find((p) => p.name === 'Second Project')?.rootFolderId).toBe(account.secondRootFolderId);
    const shared = projects.find((p) => p.shared)!;
    const page = await call(backend, 'browse:children', { folderId: shared.rootFolderId, accountId: shared.accountId, cursor: null, pageSize: 2 });
    expect(page.items.map((a) => a.name)).toEqual(['Selects']);
  });

  it('a client that learned nothing yet works in any account at once when the window names it: browse, new folder, drop, version', async () => {
    // The tree is read by one sign-in; the work is done by the next one (a new client), as after pasting a new token.
    const reader = newBackend('reader');
    await call(reader, 'auth:signIn', { token: account.token, apiUrl: account.apiV4Url });
    const projects = await projectsOf(reader);
    const backend = newBackend('scoped');
    await call(backend, 'auth:signIn', { token: account.token, apiUrl: account.apiV4Url });
    const from = apiLog.length;
    let expectedRows = 0;
    for (const name of ['Second Project', 'Partner Review']) {
      const project = projects.find((p) => p.name === name)!;
      const at = { accountId: project.accountId };
      const [top] = (await call(backend, 'browse:children', { folderId: project.rootFolderId, ...at, cursor: null })).items;
      expect(top?.type).toBe('folder'); // Inbox, Selects
      const folder = await call(backend, 'browse:createFolder', { parentId: top!.id, ...at, name: `Day ${name}` });
      const card = path.join(work, name.replace(' ', '-'), 'CARD');
      const clip = await makeFile(path.join(card, 'Cam A', 'A001.mov'), 3 * MiB + 5);
      const sound = await makeFile(path.join(card, 'take.wav'), 70_000);
      expect(await call(backend, 'uploads:preflight', { paths: [card], folderId: folder.id, ...at })).toMatchObject({ files: 2, folders: 2 });
      await call(backend, 'uploads:enqueue', { paths: [card], folderId: folder.id, ...at });
      expect((await untilSettled(backend, (expectedRows += 2))).every((r) => r.status === 'completed')).toBe(true);

      const listed = async (id: string) => (await call(backend, 'browse:children', { folderId: id, ...at, cursor: null })).items;
      const cardFolder = (await listed(folder.id)).find((a) => a.name === 'CARD')!;
      const wav = (await listed(cardFolder.id)).find((a) => a.name === 'take.wav')!;
      const v2 = await makeFile(path.join(work, name.replace(' ', '-'), 'take v2.wav'), 80_000);
      await call(backend, 'uploads:enqueue', { paths: [v2], folderId: cardFolder.id, ...at, versionOf: wav.id });
      expect((await untilSettled(backend, (expectedRows += 1))).at(-1)?.status).toBe('completed');

      // What arrived, read through V2: the mirrored tree, the stack, identical bytes.
      const children = await check.listChildren(cardFolder.id);
      expect(children.map((a) => a.type).sort()).toEqual(['folder', 'version_stack']); // the stack took its head's name
      const stack = children.find((a) => a.type === 'version_stack')!;
      expect((await check.listChildren(stack.id)).map((a) => a.name).sort()).toEqual(['take v2.wav', 'take.wav']);
      const [mov] = await check.listChildren(children.find((a) => a.name === 'Cam A')!.id);
      expect(await sha256Url((await check.getAsset(mov!.id)).originalUrl!)).toBe(await sha256File(clip));
      const stacked = await check.listChildren(stack.id);
      for (const [asset, local] of [[stacked.find((a) => a.name === 'take.wav')!, sound], [stacked.find((a) => a.name === 'take v2.wav')!, v2]] as const) {
        expect(await sha256Url((await check.getAsset(asset.id)).originalUrl!)).toBe(await sha256File(local));
      }
    }
    expect(notFoundSince(from)).toEqual([]); // every URL named the right account the first time
  });

  it('without the account, a client that learned nothing still finds the folder (by asking each account)', async () => {
    const backend = newBackend('unplaced');
    await call(backend, 'auth:signIn', { token: account.token, apiUrl: account.apiV4Url });
    const page = await call(backend, 'browse:children', { folderId: account.secondRootFolderId, cursor: null });
    expect(page.items.map((a) => a.name)).toContain('Inbox');
  });

  it('"Try the sandbox" speaks V4, with the demo user’s accounts', async () => {
    const backend = newBackend('try');
    const status = await call(backend, 'auth:useSandbox');
    expect(status).toMatchObject({ signedIn: true, sandbox: true });
    expect(status.apiUrl).toMatch(/\/v4$/);
    expect((await call(backend, 'browse:accounts')).map((a) => a.name)).toEqual(['Demo Account', 'Second Studio', 'Partner Studio']);
  });

  it('the API signed in to last is the one restored at the next launch (a legacy V2 sign-in is not lost to the V4 default)', async () => {
    const vault = new Map<string, string>();
    const lastApiFile = path.join(work, 'last', 'last-api.json');
    const first = newBackend('last-1', { vault: memoryVault(vault), lastApiFile });
    await call(first, 'auth:signIn', { token: account.legacyToken, apiUrl: account.apiUrl });
    await first.close();
    const next = newBackend('last-2', { vault: memoryVault(vault), lastApiFile });
    expect(await next.restoreOrSandbox()).toMatchObject({ signedIn: true, sandbox: false, apiUrl: account.apiUrl });
  });

  it('an upload into a second account, cut off by quitting, continues at the next launch asking that account straight away', async () => {
    const vault = new Map<string, string>();
    const journalDir = path.join(work, 'quit', 'journal');
    const deps = { vault: memoryVault(vault), journalDir, initialSettings: { partsInFlight: 2 } };
    const local = await makeFile(path.join(work, 'quit', 'long.mov'), 10 * MiB + 3);
    const before = newBackend('quit-1', deps);
    await call(before, 'auth:signIn', { token: account.token, apiUrl: account.apiV4Url });
    const at = { accountId: account.secondAccountId };
    const folder = await call(before, 'browse:createFolder', { parentId: account.secondRootFolderId, ...at, name: `quit-${Date.now()}` });
    account.setFaults({ seed: 3, putSlow: 1, slowBytesPerSec: 2 * MiB });
    try {
      await call(before, 'uploads:enqueue', { paths: [local], folderId: folder.id, ...at });
      await waitFor(async () => (await call(before, 'uploads:list'))[0]!.acknowledgedBytes >= 2 * MiB, '2 MiB acknowledged', 60_000);
      await before.close();
    } finally {
      account.setFaults({});
    }
    const [journal] = (await new Journal(journalDir).list()).batches; // the snapshot plus its log
    expect(journal).toMatchObject({ apiVersion: 'v4', accountId: account.secondAccountId, targetFolderId: folder.id });

    const from = apiLog.length;
    const after = newBackend('quit-2', deps);
    expect(await after.restore(account.apiV4Url)).toMatchObject({ signedIn: true });
    const [row] = await call(after, 'uploads:list');
    expect(row).toMatchObject({ name: 'long.mov', destination: folder.name });
    await call(after, 'uploads:resume', {});
    expect((await untilSettled(after, 1))[0]?.status).toBe('completed');
    expect(notFoundSince(from)).toEqual([]);
    const [asset] = await check.listChildren(folder.id);
    expect(await sha256Url((await check.getAsset(asset!.id)).originalUrl!)).toBe(await sha256File(local));
  });
});
