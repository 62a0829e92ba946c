// The browser window (`npm start` without Electron) uploads for real, in real Chromium over the real host, backend,
// engine and sandbox: a File made in the page and dropped (no path on disk, no test hook: it streams to the host's
// spool, which uploads it and removes its copy once done), and "Add files…" through the in-page chooser, navigated
// to a temp folder with the mouse and the keyboard. Each ends byte-for-byte on the sandbox.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { makeFile, sha256File, sha256Url } from '../support/files';
import { readRemoteTree } from '../support/remote';
import { waitFor } from '../support/wait';
import type { AppHarness } from './support/app-harness';
import { ROOT } from './support/app-harness';
import { e2eTest, findFolder, row, signInToDay1, waitForStatus } from './support/scenario';

const MiB = 1024 * 1024;
const it = e2eTest({ partSizeBytes: 256 * 1024, partPlan: 'short-first' });
/** Screenshots for docs/screenshots, taken only when asked (FERRY_SCREENSHOTS=1): a test run leaves the checkout as it was. */
const shot = async (page: Page, name: string) => {
  if (process.env.FERRY_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'docs/screenshots', `${name}.png`) });
};

/** What arrived in Day 1 under `name`, hashed from the sandbox's stored original. */
async function remoteSha(app: AppHarness, name: string): Promise<string> {
  const asset = (await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1']))).entries.get(name);
  if (!asset) throw new Error(`${name} did not arrive in Day 1`);
  return sha256Url((await app.client.getAsset(asset.id)).originalUrl!);
}

/** Every file left in the spool (none once every spooled upload settled). */
async function spooled(app: AppHarness): Promise<string[]> {
  return (await readdir(app.spool.root, { recursive: true, withFileTypes: true }).catch(() => [])).filter((d) => d.isFile()).map((d) => d.name);
}

describe('the browser window uploads for real', () => {
  it('a File made in the page and dropped streams to the spool, uploads byte-for-byte, and its copy is removed', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    app.account.setFaults({ putSlow: 1, slowBytesPerSec: 2 * MiB }); // slow enough to see it upload
    // A real File, made in the page from random bytes (no path on disk anywhere), in a real DataTransfer.
    const transfer = await page.evaluateHandle((size) => {
      const bytes = new Uint8Array(size);
      for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
      const file = new File([bytes], 'made-in-page.bin', { type: 'application/octet-stream' });
      (window as unknown as { made: Promise<string> }).made = crypto.subtle.digest('SHA-256', bytes).then((d) => Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join(''));
      const data = new DataTransfer();
      data.items.add(file);
      return data;
    }, 6 * MiB);
    // The page's link to the host slowed (DevTools network emulation), so the receiving step can be seen and pictured.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * MiB });
    const target = page.locator('.contents');
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: transfer });
    const strip = page.locator('.receiving-strip');
    await strip.getByText(/^Receiving 1 file — 1 of 1 \(.+ of 6\.3 MB\)$/).waitFor();
    await page.locator('.receiving-strip [role="progressbar"]:not([aria-valuenow="0"])').waitFor();
    await shot(page, '11-browser-drop-receiving-light');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const sheet = page.getByRole('dialog');
    await sheet.getByText(/1 file/).waitFor();
    expect(await strip.count()).toBe(0); // received: the upload rows take over
    expect((await spooled(app)).sort()).toEqual(['made-in-page.bin']); // received: the host has it, privately
    await sheet.getByRole('button', { name: 'Upload' }).click();
    await waitForStatus(page, 'made-in-page.bin', 'uploading');
    await shot(page, '11-browser-drop-uploading-light');
    app.account.setFaults({});
    await waitForStatus(page, 'made-in-page.bin', 'completed');
    const made = await page.evaluate(() => (window as unknown as { made: Promise<string> }).made);
    expect(await remoteSha(app, 'made-in-page.bin')).toBe(made);
    await waitFor(async () => (await spooled(app)).length === 0, 'the spooled copy to be removed after the upload completed');
    expect(await readdir(app.spool.root)).toEqual([]); // its drop folder too
  });

  it('a spooled drop cancelled in the pre-flight, or its upload cancelled, leaves nothing in the spool', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    const drop = async (name: string) => {
      const transfer = await page.evaluateHandle((fileName) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(3 * 1024 * 1024).fill(7)], fileName));
        return data;
      }, name);
      for (const type of ['dragenter', 'dragover', 'drop']) await page.locator('.contents').dispatchEvent(type, { dataTransfer: transfer });
      await page.getByRole('dialog').getByText(/1 file/).waitFor();
    };
    await drop('not-wanted.bin');
    expect(await spooled(app)).toEqual(['not-wanted.bin']);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await waitFor(async () => (await spooled(app)).length === 0, 'the cancelled drop’s copy to be removed');

    app.account.setFaults({ putSlow: 1, slowBytesPerSec: 256 * 1024 });
    try {
      await drop('stopped.bin');
      await page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
      await waitForStatus(page, 'stopped.bin', 'uploading');
      await row(page, 'stopped.bin').getByRole('button', { name: /Cancel stopped\.bin/ }).click();
      await waitForStatus(page, 'stopped.bin', 'canceled');
    } finally {
      app.account.setFaults({});
    }
    await waitFor(async () => (await spooled(app)).length === 0, 'the canceled upload’s copy to be removed');
  });

  it('a folder dragged from the disk (Chromium’s own drag, no path for the page) is mirrored in the spool and uploaded', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    const card = path.join(app.work, 'os', 'Card B');
    const files = { 'DCIM/a.mov': await makeFile(path.join(card, 'DCIM', 'a.mov'), MiB + 5), 'b.wav': await makeFile(path.join(card, 'b.wav'), 300_000) };
    // The browser's real drag of files from disk (DevTools' Input.dispatchDragEvent, as a file manager's drag arrives):
    // the page gets a DataTransfer whose folder is a directory entry, and Files with no path it could read.
    const box = (await page.locator('.contents').boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [card], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    const sheet = page.getByRole('dialog');
    await sheet.getByText(/2 files/).waitFor();
    expect((await spooled(app)).sort()).toEqual(['a.mov', 'b.wav']);
    await sheet.getByRole('button', { name: 'Upload' }).click();
    await waitForStatus(page, 'a.mov', 'completed');
    await waitForStatus(page, 'b.wav', 'completed');
    const day1 = await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1']));
    for (const [relative, local] of Object.entries(files)) {
      const asset = day1.entries.get(`Card B/${relative}`);
      expect(asset, relative).toBeDefined();
      expect(await sha256Url((await app.client.getAsset(asset!.id)).originalUrl!)).toBe(await sha256File(local));
    }
    await waitFor(async () => (await spooled(app)).length === 0, 'the spooled folder to be removed after its uploads completed');
  });

  it('"Add files…" opens the in-page chooser: navigate to a temp folder, choose two files, upload byte-for-byte', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    const folder = path.join(app.work, 'to pick');
    const a = await makeFile(path.join(folder, 'take_a.mov'), 3 * MiB);
    const b = await makeFile(path.join(folder, 'take_b.mov'), 2 * MiB + 17);
    await makeFile(path.join(folder, 'not_this.txt'), 10);
    await page.getByRole('button', { name: 'Add files…' }).first().click();
    const chooser = page.getByRole('dialog', { name: 'Add files from this computer' });
    const list = chooser.getByRole('listbox');
    await list.and(page.locator('[aria-busy="false"]')).waitFor();
    // From the home folder to the temp folder: the root crumb, then each folder by a click and Enter.
    await chooser.getByRole('navigation', { name: 'Folder' }).getByRole('button', { name: '/', exact: true }).click();
    for (const name of folder.split('/').filter(Boolean)) {
      await list.getByRole('option', { name, exact: true }).click();
      await page.keyboard.press('Enter');
      await chooser.locator('[aria-current="location"]', { hasText: name }).waitFor();
    }
    // Backspace goes up and comes back to the folder it left; Enter opens it again.
    await page.keyboard.press('Backspace');
    await chooser.locator('[aria-current="location"]', { hasText: path.basename(app.work) }).waitFor();
    expect(await list.locator('[role="option"].is-active').innerText()).toContain('to pick');
    await page.keyboard.press('Enter');
    await list.getByRole('option', { name: 'take_a.mov' }).waitFor();
    // Keyboard selection (sorted: not_this.txt, take_a.mov, take_b.mov): ↓ to each take, Space selects it.
    await page.keyboard.press('Home');
    for (let i = 0; i < 2; i += 1) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press(' ');
    }
    const selected = await list.locator('[aria-selected="true"] .local-chooser__name').allInnerTexts();
    expect(selected).toEqual(['take_a.mov', 'take_b.mov']);
    await shot(page, '12-browser-chooser-light');
    // Tab stays inside the chooser.
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      expect(await chooser.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await chooser.getByRole('button', { name: 'Upload 2 files' }).click();
    await chooser.waitFor({ state: 'detached' });
    const sheet = page.getByRole('dialog');
    await sheet.getByText(/2 files/).waitFor();
    await sheet.getByRole('button', { name: 'Upload' }).click();
    await waitForStatus(page, 'take_a.mov', 'completed');
    await waitForStatus(page, 'take_b.mov', 'completed');
    expect(await remoteSha(app, 'take_a.mov')).toBe(await sha256File(a));
    expect(await remoteSha(app, 'take_b.mov')).toBe(await sha256File(b));
    expect(await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1'])).then((t) => t.entries.has('not_this.txt'))).toBe(false);
  });

  it('Escape closes the folder chooser without choosing anything (dark theme)', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark')); // the dark theme, for its screenshot
    await page.getByRole('button', { name: 'Add folder…' }).first().click();
    const chooser = page.getByRole('dialog', { name: 'Add a folder from this computer' });
    await chooser.getByRole('listbox').and(page.locator('[aria-busy="false"]')).waitFor();
    await shot(page, '12-browser-chooser-dark');
    await page.keyboard.press('Escape');
    await chooser.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
