// An upload to the desktop's in-process sandbox, interrupted by quitting, continues at the next launch (review finding
// 2, desktop side): the sandbox comes back on the ports its data folder used last, so the journal's API URL and part
// URLs still name it. Before, each launch took random ports and the batch matched nothing: it could never resume.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../../src/core/frameio/create-client';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { Journal } from '../../../src/core/upload/journal';
import { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import type { UploadRow } from '../../../src/shared/ipc/schemas';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { waitFor } from '../../support/wait';
import { dispatchDropped } from './dispatch-dropped';

const MiB = 1024 * 1024;
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-sandbox-resume-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** One launch of the app on the same folders (journal, sandbox data), signed in to its sandbox. */
function launch(): DesktopBackend {
  return new DesktopBackend({
    vault: { get: async () => null, set: async () => undefined, delete: async () => undefined },
    keychainAvailable: true,
    journalDir: path.join(work, 'journal'),
    settingsFile: path.join(work, 'settings.json'),
    sandboxDataDir: path.join(work, 'sandbox'),
    pickPaths: async () => [],
    reveal: async () => undefined,
    push: () => undefined,
    initialSettings: { partsInFlight: 2 },
  });
}

/** The sandbox's demo token, from its state file (what `ferry sandbox --json` prints), to slow its storage. */
const sandboxToken = async () => (JSON.parse(await readFile(path.join(work, 'sandbox', 'state.json'), 'utf8')) as { token: string }).token;

async function setFaults(apiUrl: string, faults: object): Promise<void> {
  const response = await fetch(new URL('/_sandbox/faults', apiUrl), { method: 'PUT', headers: { authorization: `Bearer ${await sandboxToken()}`, 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.status).toBe(200);
}

it('quit mid-upload on the sandbox; the next launch resumes the batch on the same sandbox and finishes it byte-for-byte', async () => {
  const local = await makeFile(path.join(work, 'files', 'card.mov'), 12 * MiB + 321);
  const first = launch();
  let apiUrl: string;
  let rootFolderId: string;
  try {
    const status = await dispatchDropped(first, 'auth:useSandbox', {});
    apiUrl = status.apiUrl as string;
    const client = createClient({ apiUrl, token: await sandboxToken() });
    const [accountRow] = await client.listAccounts();
    const [workspace] = await client.listWorkspaces(accountRow!.id);
    const project = (await client.listProjects(workspace!)).find((p) => p.name === 'Demo Project');
    rootFolderId = project!.rootFolderId;
    await setFaults(apiUrl, { seed: 3, putSlow: 1, slowBytesPerSec: 2 * MiB });
    await dispatchDropped(first, 'uploads:enqueue', { paths: [local], folderId: rootFolderId, accountId: accountRow!.id });
    await waitFor(async () => ((await dispatchDropped(first, 'uploads:list', {})) as UploadRow[])[0]!.acknowledgedBytes >= 2 * MiB, 'some parts acknowledged', 60_000);
  } finally {
    await first.close();
  }
  expect((await new Journal(path.join(work, 'journal')).list()).batches).toHaveLength(1);

  const second = launch();
  try {
    const status = await dispatchDropped(second, 'auth:useSandbox', {});
    expect(status.apiUrl).toBe(apiUrl); // the same sandbox, at the same address
    await setFaults(apiUrl, {});
    const rows = async () => (await dispatchDropped(second, 'uploads:list', {})) as UploadRow[];
    await waitFor(async () => (await rows())[0]?.status === 'completed', 'the resumed upload to complete', 60_000);
    // Checked over the sandbox's V2 face (the same store), whose assets carry their original's URL.
    const v2 = new V2Client({ baseUrl: apiUrl.replace(/\/v4$/, '/v2'), token: await sandboxToken() });
    const cards = (await v2.listChildren(rootFolderId)).filter((a) => a.name === 'card.mov');
    expect(cards).toHaveLength(1);
    expect(await sha256Url((await v2.getAsset(cards[0]!.id)).originalUrl!)).toBe(await sha256File(local));
    expect((await new Journal(path.join(work, 'journal')).list()).batches).toHaveLength(0);
  } finally {
    await second.close();
  }
}, 120_000);
