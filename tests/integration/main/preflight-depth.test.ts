// The pre-flight sheet's "already there", at every depth (issue 13 §6): a re-dropped folder is compared with the
// remote folders that mirror its own, not only the destination's top level — on V2 and on V4 (in a second account), through the same
// dispatch path the window uses, against a real sandbox. What the summary promises is what the engine then does:
// with "Skip existing", exactly the files it counted as already there are skipped. One remote folder holds more
// files than one V2 page (100), so the walk reads the API's paged listing to its end.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import { preflight } from '../../../src/main/backend/preflight';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import type { InvokeChannel } from '../../../src/shared/ipc/contract';
import type { UploadRow } from '../../../src/shared/ipc/schemas';
import { FINAL_STATUSES } from '../../../src/shared/upload-status';
import { makeFile } from '../../support/files';
import { waitFor } from '../../support/wait';
import { dispatchDropped } from './dispatch-dropped';

let work: string;
let account: Sandbox;
const backends: DesktopBackend[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-preflight-depth-'));
  account = await startSandbox({ dataDir: path.join(work, 'account') });
});
afterAll(async () => {
  for (const b of backends) await b.close();
  await account?.close();
  await rm(work, { recursive: true, force: true });
});

const CLIPS = 102; // more than one V2 page of children

/** SHOOT/ with files at four depths: 1 + 1 + CLIPS + 1 + 1. */
async function makeShoot(root: string): Promise<string> {
  const shoot = path.join(root, 'SHOOT');
  await makeFile(path.join(shoot, 'notes.txt'), 1_000);
  await makeFile(path.join(shoot, 'Cam A', 'A001.mov'), 40_000);
  for (let i = 0; i < CLIPS; i++) await makeFile(path.join(shoot, 'Cam A', 'Clips', `c${String(i).padStart(3, '0')}.mov`), 2_000 + i);
  await makeFile(path.join(shoot, 'Cam B', 'B001.mov'), 30_000);
  await makeFile(path.join(shoot, 'Cam B', 'Sound', 'Deep', 'take.wav'), 5_000);
  return shoot;
}

// V4 works in the user's second account (every V4 URL names its account: the walk's listings must too).
describe.each([
  ['V2', () => account.apiUrl, 0, 'Demo Project'],
  ['V4', () => account.apiV4Url, 1, 'Second Project'],
] as const)('pre-flight at every depth on %s', (api, apiUrl, accountIndex, projectName) => {
  it('a re-dropped nested folder: all there, then "n of m" after a change, and Skip existing skips exactly those', async () => {
    const backend = new DesktopBackend({
      vault: { get: async () => null, set: async () => undefined, delete: async () => undefined },
      keychainAvailable: true,
      journalDir: path.join(work, api, 'journal'),
      sandboxDataDir: path.join(work, api, 'sandbox'),
      pickPaths: async () => [],
      reveal: async () => undefined,
      push: () => undefined,
    });
    backends.push(backend);
    const call = <C extends InvokeChannel>(channel: C, payload: unknown = {}) => dispatchDropped(backend, channel, payload);
    await call('auth:signIn', { token: account.token, apiUrl: apiUrl() });
    const owner = (await call('browse:accounts'))[accountIndex]!;
    const [workspace] = await call('browse:workspaces', { accountId: owner.id });
    const project = (await call('browse:projects', { accountId: owner.id, workspaceId: workspace!.id })).find((p) => p.name === projectName)!;
    const at = { accountId: project.accountId };
    const day = await call('browse:createFolder', { parentId: project.rootFolderId, ...at, name: `Redrop ${api}` });
    const shoot = await makeShoot(path.join(work, api, 'local'));
    const total = CLIPS + 4;
    const ask = () => call('uploads:preflight', { paths: [shoot], folderId: day.id, ...at });
    let rows: UploadRow[] = [];
    const settle = async (count: number) =>
      waitFor(async () => (rows = await call('uploads:list')).length === count && rows.every((r) => FINAL_STATUSES.has(r.status)), `${count} rows to settle`, 60_000);

    expect(await ask()).toMatchObject({ files: total, clashes: [], existing: { identical: 0, differing: 0, checkedAll: true } });
    await call('uploads:enqueue', { paths: [shoot], folderId: day.id, ...at });
    await settle(total);
    expect(rows.every((r) => r.status === 'completed')).toBe(true);

    // Dropped again: every file, at every depth, is already there.
    const again = await ask();
    expect(again).toMatchObject({ files: total, existing: { identical: total, differing: 0, checkedAll: true } });
    expect(again.clashes).toHaveLength(50);
    expect(again.clashes.slice(0, 3)).toEqual(['SHOOT/Cam A/A001.mov', 'SHOOT/Cam A/Clips/c000.mov', 'SHOOT/Cam A/Clips/c001.mov']);

    // One deep file changed, one new one: "total of total+1 already there", one name taken by a different file.
    await appendFile(path.join(shoot, 'Cam B', 'Sound', 'Deep', 'take.wav'), 'more');
    await makeFile(path.join(shoot, 'Cam B', 'Sound', 'Deep', 'take2.wav'), 5_000);
    const changed = await ask();
    expect(changed).toMatchObject({ files: total + 1, existing: { identical: total - 1, differing: 1, checkedAll: true } });
    expect(changed.clashes[0]).toBe('SHOOT/Cam B/Sound/Deep/take.wav'); // a different file first

    // The engine keeps the sheet's promise: Skip existing skips exactly the files counted as already there.
    await call('uploads:enqueue', { paths: [shoot], folderId: day.id, ...at, onConflict: 'skip' });
    await settle(total + total + 1);
    const second = rows.slice(total);
    expect(second.filter((r) => r.status === 'skipped')).toHaveLength(total - 1);
    expect(second.filter((r) => r.status === 'completed').map((r) => r.name).sort()).toEqual(['take.wav', 'take2.wav']);
  }, 120_000);
});

it('the walk is bounded: past its listings it stops and says it checked in part', async () => {
  const client = new V2Client({ baseUrl: account.apiUrl, token: account.token });
  const [demo] = await client.listAccounts();
  const [team] = await client.listWorkspaces(demo!.id);
  const project = (await client.listProjects(team!)).find((p) => p.name === 'Demo Project')!;
  const redrop = (await client.listChildren(project.rootFolderId)).find((a) => a.name === 'Redrop V2')!;
  const shoot = path.join(work, 'V2', 'local', 'SHOOT');
  // Two listings: the destination and SHOOT; Cam A, Cam B and what is below them are not read.
  const partial = await preflight(client, [shoot], redrop.id, 2);
  expect(partial.existing).toEqual({ identical: 1, differing: 0, checkedAll: false }); // notes.txt
  expect((await preflight(client, [shoot], redrop.id)).existing?.checkedAll).toBe(true);
});
