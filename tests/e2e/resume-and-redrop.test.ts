// Issue 13 §6, as a person meets it in the window (real Chromium over the browser host, the desktop backend, the
// real engine and sandbox): an upload interrupted by quitting is in the queue at the next launch — paused, with the
// progress storage acknowledged — and Resume finishes it byte-for-byte without sending an acknowledged part again;
// and a nested folder dropped a second time is "already there" in the pre-flight sheet, at every depth, and Skip
// existing then skips every file of it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../src/core/frameio/v2-client';
import { Journal } from '../../src/core/upload/journal';
import { dispatch } from '../../src/main/ipc/register-handlers';
import { formatPercent } from '../../src/renderer/format';
import { makeFile, sha256File, sha256Url } from '../support/files';
import { readRemoteTree } from '../support/remote';
import { waitFor } from '../support/wait';
import { openApp } from './support/app-harness';
import { launchChromium } from './support/chromium';
import { dropFiles } from './support/drop';
import { launch, type Launch } from './support/relaunch';
import { currentFolder, findFolder, row, signInToDay1, waitForStatus } from './support/scenario';

const MiB = 1024 * 1024;
const PART = 16 * MiB; // the in-process sandbox's part size

let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;
let work: string;
beforeAll(async () => {
  chromium = await launchChromium();
  browser = chromium.browser;
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-resume-'));
});
afterAll(async () => {
  await chromium?.stop();
  await rm(work, { recursive: true, force: true });
});

async function sandboxCall(app: Launch, method: 'GET' | 'PUT', route: string, body?: object): Promise<unknown> {
  const apiUrl = app.status.apiUrl!;
  const response = await fetch(new URL(route, apiUrl), {
    method,
    headers: { authorization: `Bearer ${await app.sandboxToken()}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function openDay1(app: Launch): Promise<void> {
  const { page } = app;
  await page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
  await expect.poll(() => currentFolder(page)).toBe('Demo Project');
  await page.getByRole('row', { name: /Day 1/ }).dblclick();
  await expect.poll(() => currentFolder(page)).toBe('Day 1');
}

/** The first launch: Day 1, a large file dropped with every part PUT slowed, quit once storage acknowledged some of
 * it (paused first when `pause`). Returns the journal's record of the file, as the next launch reads it. */
async function quitMidUpload(state: string, local: string, pause: boolean) {
  const name = path.basename(local);
  const first = await launch(browser, state, { partsInFlight: 2 });
  try {
    expect(first.status).toMatchObject({ signedIn: true, sandbox: true });
    await openDay1(first);
    await sandboxCall(first, 'PUT', '/_sandbox/faults', { seed: 3, putSlow: 1, slowBytesPerSec: 4 * MiB });
    await dropFiles(first.page, first.page.locator('.contents'), [{ name, path: local }]);
    await first.page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
    // Some parts acknowledged (the bar has moved), the rest still going: then the window is quit.
    await expect.poll(async () => Number(await row(first.page, name).getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await row(first.page, name).getAttribute('data-status')).toBe('uploading');
    if (pause) {
      await row(first.page, name).getByRole('button', { name: `Pause ${name}` }).click();
      await waitForStatus(first.page, name, 'paused');
    }
    return { apiUrl: first.status.apiUrl };
  } finally {
    await first.quit();
  }
}

async function journaledFile(state: string) {
  const [batch] = (await new Journal(path.join(state, 'desktop-journal')).list()).batches;
  const file = batch!.files[0]!;
  const parts = file.parts!;
  expect(file.partsDone.length).toBeGreaterThan(0);
  expect(file.partsDone.length).toBeLessThan(parts.length);
  return { batch: batch!, file, acknowledged: file.partsDone.reduce((sum, i) => sum + parts[i]!.size, 0), toSend: parts.length - file.partsDone.length };
}

/** After the second launch finished it: the parts storage had not acknowledged went, each once, and no other; one
 * copy arrived, byte-for-byte; the journal is empty. */
async function checkFinished(app: Launch, state: string, local: string, folderId: string, toSend: number) {
  const stats = (await sandboxCall(app, 'GET', '/_sandbox/stats')) as { partPuts: Record<string, Record<string, number>> };
  const puts = Object.values(stats.partPuts).flatMap((perPart) => Object.values(perPart));
  expect(puts.reduce((a, b) => a + b, 0)).toBe(toSend);
  expect(puts.every((n) => n === 1)).toBe(true);
  const v2 = new V2Client({ baseUrl: app.status.apiUrl!.replace(/\/v4$/, '/v2'), token: await app.sandboxToken() });
  const copies = (await v2.listChildren(folderId)).filter((a) => a.name === path.basename(local));
  expect(copies).toHaveLength(1);
  expect(await sha256Url((await v2.getAsset(copies[0]!.id)).originalUrl!)).toBe(await sha256File(local));
  await waitFor(async () => (await new Journal(path.join(state, 'desktop-journal')).list()).batches.length === 0, 'the finished batch to leave the journal');
}

describe('issue 13 §6 in the window', () => {
  it('quit mid-upload on the sandbox: the next launch shows it in the queue and it continues by itself, byte-for-byte, no acknowledged part again', async () => {
    const state = path.join(work, 'interrupted');
    const local = await makeFile(path.join(work, 'card1', 'A001.mov'), 5 * PART + 4321);
    const { apiUrl } = await quitMidUpload(state, local, false);
    const { batch, file, toSend } = await journaledFile(state);
    expect(file.status).not.toBe('paused');

    const second = await launch(browser, state, { partsInFlight: 2 });
    try {
      expect(second.status.apiUrl).toBe(apiUrl); // the same sandbox, where the part URLs point
      // Interrupted, not paused by the person: it continues at launch, as `ferry resume` would (decision 0008).
      await waitForStatus(second.page, 'A001.mov', 'completed', 120_000);
      await checkFinished(second, state, local, batch.targetFolderId, toSend);
    } finally {
      await second.quit();
    }
  }, 240_000);

  it('paused, then quit: the next launch shows it paused at its acknowledged progress, with a banner; Resume all finishes it byte-for-byte', async () => {
    const state = path.join(work, 'paused');
    const local = await makeFile(path.join(work, 'card2', 'B001.mov'), 5 * PART + 999);
    const name = 'B001.mov';
    await quitMidUpload(state, local, true);
    const { batch, file, acknowledged, toSend } = await journaledFile(state);
    expect(file.status).toBe('paused');

    const second = await launch(browser, state, { partsInFlight: 2 });
    try {
      const { page } = second;
      // In the queue at once, without touching anything: paused, at the acknowledged progress.
      await waitForStatus(page, name, 'paused');
      expect(Number(await row(page, name).getByRole('progressbar').getAttribute('aria-valuenow'))).toBe(formatPercent(acknowledged, file.size));
      const [listed] = await dispatch(second.backend.handlers(), 'uploads:list', {});
      expect(listed).toMatchObject({ name, status: 'paused', acknowledgedBytes: acknowledged });
      // Said once at the top, with the way to go on.
      const banner = page.locator('.banner', { hasText: 'from last time' });
      expect(await banner.innerText()).toContain('1 upload from last time is paused.');
      await banner.getByRole('button', { name: 'Resume all' }).click();
      await banner.waitFor({ state: 'detached' });
      await waitForStatus(page, name, 'completed', 120_000);
      await checkFinished(second, state, local, batch.targetFolderId, toSend);
    } finally {
      await second.quit();
    }
  }, 240_000);

  it('a nested folder dropped again is "already there" in the pre-flight sheet, at every depth; Skip existing skips it all', async () => {
    const app = await openApp(browser, { label: 're-drop' });
    try {
      const { page } = app;
      await signInToDay1(app);
      const shoot = path.join(app.work, 'SHOOT');
      await makeFile(path.join(shoot, 'notes.txt'), 1_234);
      await makeFile(path.join(shoot, 'Cam A', 'A001.mov'), 2 * MiB + 7);
      await makeFile(path.join(shoot, 'Cam A', 'Clips', 'C001.mov'), 300_000);
      await makeFile(path.join(shoot, 'Cam B', 'Sound', 'take.wav'), 70_000);
      const names = ['notes.txt', 'A001.mov', 'C001.mov', 'take.wav'];
      const sheet = page.getByRole('dialog');

      await dropFiles(page, page.locator('.contents'), [{ name: 'SHOOT', path: shoot }]);
      await expect.poll(() => sheet.innerText()).toMatch(/5 folders, 4 files/);
      expect(await sheet.innerText()).not.toMatch(/already/);
      await sheet.getByRole('button', { name: 'Upload' }).click();
      for (const name of names) await waitForStatus(page, name, 'completed');

      await dropFiles(page, page.locator('.contents'), [{ name: 'SHOOT', path: shoot }]);
      await expect.poll(() => sheet.innerText()).toMatch(/All 4 files are already in Demo Project › Day 1 — nothing to upload\./);
      await sheet.getByRole('button', { name: 'Skip existing' }).click();
      await waitFor(async () => (await page.locator('.queue-row[data-status="skipped"]').count()) === names.length, 'every file of the second drop to be skipped');
      const tree = await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1']));
      expect(tree.duplicates).toEqual([]);
      expect([...tree.entries.keys()].filter((k) => k.startsWith('SHOOT/') && tree.entries.get(k)?.type !== 'folder').sort()).toEqual(
        ['SHOOT/Cam A/A001.mov', 'SHOOT/Cam A/Clips/C001.mov', 'SHOOT/Cam B/Sound/take.wav', 'SHOOT/notes.txt'],
      );
    } finally {
      await app.close();
    }
  }, 180_000);
});
