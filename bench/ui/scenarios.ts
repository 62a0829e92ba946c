// What the page is put through: the upload queue as main reports it, and a very large folder.
import type { AppHarness } from '../../tests/e2e/support/app-harness.js';
import type { UploadRow } from '../../src/shared/ipc/schemas.js';
import { prng } from '../lib/dataset.js';

const MB = 1e6;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const QUEUE_FILES = 1000;
export const PUSH_INTERVAL_MS = 250; // what main does: the engine's progress is forwarded about 4 times a second
export const QUEUE_SECONDS = 10;
const FINISH_EVERY_PUSHES = 4; // once a second…
const FINISH_PER_TIME = 3; // …three files finish ('uploads:state' events, between two progress pushes)

/**
 * Drives the queue the way main's DesktopBackend does: one 'uploads:progress' event every 250 ms carrying every
 * file still moving (the first one creates the 1,000 rows, all uploading, bytes growing at each file's own rate),
 * and an 'uploads:state' event for each file that finishes, after which it is no longer in the progress events.
 */
export async function pushQueueUpdates(app: AppHarness, destination: string): Promise<string> {
  const random = prng(1000);
  const files = Array.from({ length: QUEUE_FILES }, (_, i) => {
    const size = Math.round(Math.exp(Math.log(50 * MB) + random() * (Math.log(4000 * MB) - Math.log(50 * MB))));
    return { id: i + 1, name: `A${String(Math.floor(i / 100) + 1).padStart(3, '0')}_C${String(i + 1).padStart(4, '0')}.mov`, size, rate: (0.2 + random() * 1.8) * MB, start: random() * 0.3 * size };
  });
  const row = (f: (typeof files)[number], t: number, done = false): UploadRow => {
    const sent = done ? f.size : Math.min(f.size, Math.round(f.start + f.rate * t));
    const acknowledged = done ? f.size : Math.max(0, sent - Math.round(f.rate * 0.5));
    return {
      id: f.id, batchId: 'bench-batch', name: f.name, destination, size: f.size, sentBytes: sent, acknowledgedBytes: acknowledged,
      bytesPerSecond: done ? 0 : Math.round(f.rate * (0.9 + 0.2 * random())), etaSeconds: done ? null : (f.size - acknowledged) / f.rate,
      status: done ? 'completed' : 'uploading', retries: 0, assetId: `bench-asset-${f.id}`, error: null,
    };
  };
  const moving = new Set(files.map((f) => f.id));
  const t0 = performance.now();
  const pushes = Math.round((QUEUE_SECONDS * 1000) / PUSH_INTERVAL_MS);
  let bytes = 0;
  let finished = 0;
  for (let k = 0; k < pushes; k++) {
    await sleep(t0 + k * PUSH_INTERVAL_MS - performance.now());
    const t = (performance.now() - t0) / 1000;
    const payload = { rows: files.filter((f) => moving.has(f.id)).map((f) => row(f, t)) };
    if (k === 0) bytes = JSON.stringify(payload).length;
    app.host.push('uploads:progress', payload);
    if (k % FINISH_EVERY_PUSHES === FINISH_EVERY_PUSHES - 1) {
      await sleep(t0 + (k + 0.5) * PUSH_INTERVAL_MS - performance.now());
      for (const f of files.filter((x) => moving.has(x.id)).slice(0, FINISH_PER_TIME)) {
        moving.delete(f.id);
        finished += 1;
        app.host.push('uploads:state', { row: row(f, t, true) });
      }
    }
  }
  await sleep(t0 + pushes * PUSH_INTERVAL_MS - performance.now());
  return `${pushes} progress events (the first ${Math.round(bytes / 1000)} KB, ${QUEUE_FILES.toLocaleString('en-US')} rows) at ${1000 / PUSH_INTERVAL_MS}/s, ${finished} 'uploads:state' events`;
}

/** The id of the root folder of the account's project called `name`. */
async function projectFolder(app: AppHarness, name: string): Promise<string> {
  for (const account of await app.client.listAccounts()) {
    for (const workspace of await app.client.listWorkspaces(account.id)) {
      const project = (await app.client.listProjects(workspace)).find((p) => p.name === name);
      if (project) return project.rootFolderId;
    }
  }
  throw new Error(`no project ${name}`);
}

export const BIG_FOLDER = 'Ten thousand';
export const BIG_FOLDER_ITEMS = 10_000;
/** The grid's row height (contents-table.tsx), for reporting scroll speeds in rows. */
export const ROW_PX = 36;

/** A folder of 10,000 clips (files of 1–200 MB, as a card dump looks), created through the API, 50 at a time. */
export async function createBigFolder(app: AppHarness): Promise<void> {
  const random = prng(10_000);
  const big = await app.client.createFolder(await projectFolder(app, 'Demo Project'), BIG_FOLDER);
  const specs = Array.from({ length: BIG_FOLDER_ITEMS }, (_, i) => ({ name: `clip_${String(i + 1).padStart(5, '0')}.mov`, mediaType: 'video/quicktime', size: Math.round((1 + random() * 199) * MB) }));
  for (let i = 0; i < specs.length; i += 50) await Promise.all(specs.slice(i, i + 50).map((s) => app.client.createFile(big.id, s)));
}

/**
 * Opens Demo Project › `folder` in a freshly loaded page (signing in the first time; after a reload the backend is
 * still signed in) and waits until the grid shows `ready`: a row's name, or the footer's text once all pages loaded.
 */
export async function openFolder(app: AppHarness, folder: string, ready: { row?: string; footer?: string }, signIn: boolean): Promise<void> {
  const { page } = app;
  if (signIn) await app.signInToAccount();
  else await page.reload();
  await page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
  await page.getByRole('row', { name: new RegExp(folder) }).dblclick();
  if (ready.row) await page.getByRole('gridcell', { name: ready.row }).waitFor();
  if (ready.footer) await page.locator('.grid__footer', { hasText: ready.footer }).waitFor({ timeout: 120_000 });
}
