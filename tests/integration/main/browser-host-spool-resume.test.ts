// A file dropped on the browser window lives in the host's spool while it uploads; quitting the preview mid-upload
// leaves it there (the journal points at it, so the start-up sweep keeps it), the next start resumes the upload from
// it, and once Frame.io has the file its spooled copy is removed — on the real backend, engine and sandbox.
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../../src/core/frameio/create-client';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import { Spool } from '../../../src/main/browser-host/spool';
import { releaseWhenSettled, sweepSpool } from '../../../src/main/browser-host/spool-lifecycle';
import { dispatch } from '../../../src/main/ipc/register-handlers';
import type { UploadRow } from '../../../src/shared/ipc/schemas';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-spool-resume-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const journalDir = () => path.join(work, 'journal');

/** One start of the preview's backend on the same state folders, its pushes releasing spooled copies as in preview.ts. */
function launch(spool: Spool): DesktopBackend {
  let released: ReturnType<typeof releaseWhenSettled> = () => undefined;
  const backend = new DesktopBackend({
    vault: { get: async () => null, set: async () => undefined, delete: async () => undefined },
    keychainAvailable: true,
    journalDir: journalDir(),
    settingsFile: path.join(work, 'settings.json'),
    sandboxDataDir: path.join(work, 'sandbox'),
    pickPaths: async () => [],
    reveal: async () => undefined,
    push: (event, payload) => released(event, payload),
    initialSettings: { partsInFlight: 2 },
  });
  released = releaseWhenSettled(spool, (id) => backend.uploadPath(id));
  return backend;
}

const sandboxToken = async () => (JSON.parse(await readFile(path.join(work, 'sandbox', 'state.json'), 'utf8')) as { token: string }).token;
async function setFaults(apiUrl: string, faults: object): Promise<void> {
  const response = await fetch(new URL('/_sandbox/faults', apiUrl), { method: 'PUT', headers: { authorization: `Bearer ${await sandboxToken()}`, 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.status).toBe(200);
}
const spooledFiles = async (spool: Spool) => (await readdir(spool.root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);

it('a spooled drop interrupted by quitting survives the start-up sweep, resumes from the spool, and its copy goes once uploaded', async () => {
  const original = await makeFile(path.join(work, 'elsewhere', 'dropped.mov'), 10 * MiB + 99);
  const spool = new Spool(path.join(work, 'state', 'browser-spool'));
  const dropId = spool.begin();
  await spool.receive(dropId, 'dropped.mov', createReadStream(original), null);
  const [spooled] = spool.finish(dropId);
  const first = launch(spool);
  let apiUrl: string;
  let folderId: string;
  try {
    apiUrl = (await dispatch(first.handlers(), 'auth:useSandbox', {})).apiUrl as string;
    const client = createClient({ apiUrl, token: await sandboxToken() });
    const [account] = await client.listAccounts();
    const [workspace] = await client.listWorkspaces(account!.id);
    folderId = (await client.listProjects(workspace!)).find((p) => p.name === 'Demo Project')!.rootFolderId;
    await setFaults(apiUrl, { seed: 5, putSlow: 1, slowBytesPerSec: 2 * MiB });
    first.grantDropped([spooled!]); // what the host's /__host/spool/<id>/done grants
    await dispatch(first.handlers(), 'uploads:enqueue', { paths: [spooled!], folderId, accountId: account!.id });
    await waitFor(async () => ((await dispatch(first.handlers(), 'uploads:list', {})) as UploadRow[])[0]!.acknowledgedBytes >= 2 * MiB, 'some parts acknowledged', 60_000);
  } finally {
    await first.close();
  }
  // The next start: the sweep keeps the drop an unfinished upload reads (and would remove one nothing reads).
  const stray = spool.begin();
  await spool.receive(stray, 'abandoned.mov', createReadStream(original), null);
  spool.finish(stray);
  expect(await sweepSpool(spool, journalDir())).toEqual([stray]);
  expect(await spooledFiles(spool)).toEqual(['dropped.mov']);

  const second = launch(spool);
  try {
    await dispatch(second.handlers(), 'auth:useSandbox', {});
    await setFaults(apiUrl, {});
    await waitFor(async () => ((await dispatch(second.handlers(), 'uploads:list', {})) as UploadRow[])[0]?.status === 'completed', 'the resumed upload to complete', 60_000);
    const v2 = new V2Client({ baseUrl: apiUrl.replace(/\/v4$/, '/v2'), token: await sandboxToken() });
    const arrived = (await v2.listChildren(folderId)).filter((a) => a.name === 'dropped.mov');
    expect(arrived).toHaveLength(1);
    expect(await sha256Url((await v2.getAsset(arrived[0]!.id)).originalUrl!)).toBe(await sha256File(original));
    await waitFor(async () => (await readdir(spool.root)).length === 0, 'the spooled copy (and its drop folder) to be removed');
  } finally {
    await second.close();
  }
}, 120_000);
