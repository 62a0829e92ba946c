// The window people use, end to end in real Chromium: the built renderer on the browser host, over the desktop
// app's handlers, the real engine and a real sandbox. Each scenario waits on what the page shows (app events
// turned into DOM), never on sleeps, and checks the bytes that arrived.
// Each scenario stands alone: Chromium is started once for the file, but every test gets its own app (`app`
// fixture: a browser context and page, a browser host, a DesktopBackend and a sandbox account, all new and signed
// out) and signs in and browses to where it works itself. Any one passes alone and in any order.
// The window speaks Frame.io V4 (the sandbox splits V4 uploads into unequal parts, so every part goes by its own
// size); dropping a folder and a new version run on the legacy V2 as well, so both APIs stay proven.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { makeFile, sha256File, sha256Url } from '../support/files';
import { readRemoteTree } from '../support/remote';
import type { AppHarness } from './support/app-harness';
import { dragOver, dropFiles } from './support/drop';
import { e2eTest, findFolder, row, signIn, signInToDay1, waitForStatus } from './support/scenario';

const MiB = 1024 * 1024;
const PART_BYTES = 256 * 1024; // small parts so a few MiB make many parts (and pause/resume has parts to hold)

const it = e2eTest({ partSizeBytes: PART_BYTES, partPlan: 'short-first' });

describe('Ferry in Chromium', () => {
  it('"Try the sandbox" signs in and shows the demo projects', async ({ app: { page } }) => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
    expect(await page.getByRole('treeitem', { name: /Shared with me/ }).count()).toBe(1);
    await page.getByRole('gridcell', { name: 'welcome.txt' }).waitFor();
    await page.getByRole('button', { name: /Demo User/ }).click();
    expect(await page.getByTestId('account-api').innerText()).toBe('API: Frame.io V4'); // the sandbox speaks V4, like accounts today
    page.once('dialog', (dialog) => void dialog.accept()); // "Leave the sandbox? …" (window-polish.test.ts)
    await page.getByRole('menuitem', { name: 'Sign in to Frame.io…' }).click();
    await page.getByRole('button', { name: 'Try the sandbox' }).waitFor();
  });

  it('browses to a folder with the tree, the grid and the keyboard', async ({ app }) => {
    const { page } = app;
    await signIn(app);
    await page.getByRole('row', { name: /Day 1/ }).dblclick();
    await expect.poll(() => page.locator('.breadcrumbs').innerText()).toMatch(/Demo Project\s*›?\s*Day 1/);
    await page.getByRole('gridcell', { name: 'slate.svg' }).waitFor();
    // Backspace goes up; Enter opens the active row again.
    await page.getByRole('row', { name: /slate\.svg/ }).click();
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.breadcrumbs [aria-current]').innerText()).toBe('Demo Project');
    await page.getByRole('row', { name: /Day 1/ }).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.breadcrumbs [aria-current]').innerText()).toBe('Day 1');
    // The tree follows: Day 1 is the current treeitem.
    expect(await page.getByRole('treeitem', { name: 'Day 1' }).getAttribute('aria-selected')).toBe('true');
  });

  it('drops three files and a nested folder: pre-flight, bars to 100 %, identical bytes, mirrored tree', async ({ app }) => {
    await dropsAFolder(app);
  });

  it('pauses and resumes an upload', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    const file = await makeFile(path.join(app.work, 'drop2', 'long_take.mov'), 6 * MiB);
    app.account.setFaults({ putSlow: 1, slowBytesPerSec: 512 * 1024 });
    try {
      await dropFiles(page, page.locator('.contents'), [{ name: 'long_take.mov', path: file }]);
      await page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
      await waitForStatus(page, 'long_take.mov', 'uploading');
      await row(page, 'long_take.mov').getByRole('button', { name: 'Pause long_take.mov' }).click();
      await waitForStatus(page, 'long_take.mov', 'paused');
      // Keyboard: Space on the selected row resumes it.
      await row(page, 'long_take.mov').focus();
      app.account.setFaults({});
      await page.keyboard.press(' ');
      await waitForStatus(page, 'long_take.mov', 'completed');
    } finally {
      app.account.setFaults({});
    }
    const asset = (await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1']))).entries.get('long_take.mov');
    expect(await sha256Url((await app.client.getAsset(asset!.id)).originalUrl!)).toBe(await sha256File(file));
  });

  it('a file that changes while uploading fails with an actionable error, and Retry uploads it', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    const file = await makeFile(path.join(app.work, 'drop3', 'growing.mov'), 4 * MiB);
    app.account.setFaults({ putSlow: 1, slowBytesPerSec: 256 * 1024 });
    try {
      await dropFiles(page, page.locator('.contents'), [{ name: 'growing.mov', path: file }]);
      await page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
      await waitForStatus(page, 'growing.mov', 'uploading');
      await appendFile(file, Buffer.alloc(4096, 1)); // the camera card is still being copied…
      await waitForStatus(page, 'growing.mov', 'failed');
    } finally {
      app.account.setFaults({});
    }
    expect(await row(page, 'growing.mov').innerText()).toMatch(/File changed while uploading — retry from the start\?/);
    await row(page, 'growing.mov').getByRole('button', { name: 'Details' }).click();
    expect(await row(page, 'growing.mov').locator('pre').innerText()).toMatch(/changed while uploading/);
    await row(page, 'growing.mov').getByRole('button', { name: 'Retry growing.mov' }).click();
    await waitForStatus(page, 'growing.mov', 'completed');
    expect(await page.locator('.queue-row', { hasText: 'growing.mov' }).count()).toBe(1);
    const asset = (await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1']))).entries.get('growing.mov');
    expect(await sha256Url((await app.client.getAsset(asset!.id)).originalUrl!)).toBe(await sha256File(file));
  });

  it('a file dropped onto a file row becomes a new version of it', async ({ app }) => {
    await dropsAVersion(app);
  });

  it('when Frame.io says 429, a banner counts down to the retry, and the folder loads once it lets us', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    // Something new in Day 1 that the page can only show once the refresh below got through.
    await app.client.createFolder(await findFolder(app, ['Demo Project', 'Day 1']), 'Added meanwhile');
    app.account.setFaults({ api429: 1, retryAfterS: 4 });
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByText(/Frame.io asked us to slow down — resuming in \d s/).waitFor();
    } finally {
      app.account.setFaults({});
    }
    await page.getByText(/Frame.io asked us to slow down/).waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('.contents').getByRole('row', { name: /Added meanwhile/ }).waitFor();
  });

  it('a 10,000-item folder loads page by page and scrolls to the last item', async ({ app }) => {
    const { page } = app;
    const project = await findFolder(app, ['Demo Project']);
    const big = await app.client.createFolder(project, 'Ten thousand');
    const names = Array.from({ length: 10_000 }, (_, i) => `clip_${String(i + 1).padStart(5, '0')}`);
    for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((n) => app.client.createFolder(big.id, n)));
    await signIn(app);
    await page.getByRole('row', { name: /Ten thousand/ }).dblclick();
    await expect.poll(() => page.locator('.grid__footer').innerText(), { timeout: 60_000 }).toBe('10,000 items');
    const rendered = await page.locator('.grid__body [role="row"]').count();
    expect(rendered).toBeLessThan(100); // virtualised: only what is on screen (plus overscan) exists
    await page.getByRole('row', { name: /clip_00001/ }).click();
    await page.keyboard.press('End');
    await page.getByRole('row', { name: /clip_10000/ }).waitFor();
    expect(await page.getByRole('row', { name: /clip_10000/ }).isVisible()).toBe(true);
  });
});

describe('Ferry in Chromium on the legacy V2 API', () => {
  it.override({ api: 'v2' });

  it('drops three files and a nested folder: pre-flight, bars to 100 %, identical bytes, mirrored tree', async ({ app }) => {
    await dropsAFolder(app);
    expect(app.backend.status().apiUrl).toBe(app.account.apiUrl); // the legacy API all along
  });

  it('a file dropped onto a file row becomes a new version of it', async ({ app }) => {
    await dropsAVersion(app);
  });
});

/** Into Demo Project › Day 1: three files and a folder with a subfolder (and a system file to skip), through the
 * pre-flight, each row to 100 %, then what arrived: the mirrored tree, no duplicates, identical bytes. */
async function dropsAFolder(app: AppHarness): Promise<void> {
  const { page } = app;
  await signInToDay1(app);
  const local = path.join(app.work, 'drop1');
  const files = [
    await makeFile(path.join(local, 'A001_C001.mov'), 3 * MiB + 17),
    await makeFile(path.join(local, 'A001_C002.mov'), 1 * MiB),
    await makeFile(path.join(local, 'notes.txt'), 1234),
  ];
  const nested = path.join(local, 'Cam B');
  await makeFile(path.join(nested, 'B001.mov'), 2 * MiB + 3);
  await makeFile(path.join(nested, 'Audio', 'B001.wav'), 700 * 1024);
  await makeFile(path.join(nested, '.DS_Store'), 10);

  const target = page.locator('.contents');
  const drag = await dragOver(page, target, [...files.map((p) => ({ name: path.basename(p), path: p })), { name: 'Cam B', path: nested }]);
  await expect.poll(() => page.locator('.drop-overlay').innerText()).toMatch(/Drop to upload to\s+Demo Project › Day 1/);
  await drag.drop();
  const sheet = page.getByRole('dialog');
  await expect.poll(() => sheet.innerText()).toMatch(/2 folders, 5 files/);
  expect(await sheet.innerText()).toMatch(/1 system file skipped/);
  await sheet.getByRole('button', { name: 'Upload' }).click();

  for (const name of ['A001_C001.mov', 'A001_C002.mov', 'notes.txt', 'B001.mov', 'B001.wav']) await waitForStatus(page, name, 'completed');
  const bars = page.locator('.queue-row[data-status="completed"] [role="progressbar"]');
  expect(await bars.count()).toBe(5);
  for (const value of await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow')))) expect(value).toBe('100');
  await expect.poll(() => page.getByTestId('queue-summary').innerText()).toMatch(/5 files .* all done/);

  // What arrived: the mirrored tree, no duplicates, and byte-identical originals.
  const tree = await readRemoteTree(app.client, await findFolder(app, ['Demo Project', 'Day 1']));
  expect(tree.duplicates).toEqual([]);
  const expected: Record<string, string> = {
    'A001_C001.mov': files[0]!, 'A001_C002.mov': files[1]!, 'notes.txt': files[2]!,
    'Cam B/B001.mov': path.join(nested, 'B001.mov'), 'Cam B/Audio/B001.wav': path.join(nested, 'Audio', 'B001.wav'),
  };
  for (const [remote, localPath] of Object.entries(expected)) {
    const asset = tree.entries.get(remote);
    expect(asset?.uploadComplete, remote).toBe(true);
    const full = await app.client.getAsset(asset!.id);
    expect(await sha256Url(full.originalUrl!), remote).toBe(await sha256File(localPath));
  }
  expect(tree.entries.has('Cam B/.DS_Store')).toBe(false);
  // The grid shows the new files once the batch settles.
  await page.locator('.contents').getByRole('gridcell', { name: 'A001_C001.mov' }).waitFor();
}

/** A file dropped onto slate.svg's row, confirmed as its new version: a stack of the two. */
async function dropsAVersion(app: AppHarness): Promise<void> {
  const { page } = app;
  await signInToDay1(app);
  const file = await makeFile(path.join(app.work, 'drop4', 'slate v2.svg'), 4321);
  const onto = page.getByRole('row', { name: /slate\.svg/ });
  const drag = await dragOver(page, onto, [{ name: 'slate v2.svg', path: file }]);
  await expect.poll(() => page.locator('.drop-overlay').innerText()).toMatch(/new version of\s+slate\.svg/);
  expect(await onto.getAttribute('class')).toMatch(/is-drop-target/);
  await drag.drop();
  const sheet = page.getByRole('dialog');
  await expect.poll(() => sheet.innerText()).toMatch(/New version of slate\.svg[\s\S]*stacked on top of slate\.svg/);
  await sheet.getByRole('button', { name: 'Add version' }).click();
  await waitForStatus(page, 'slate v2.svg', 'completed');
  const day1 = await findFolder(app, ['Demo Project', 'Day 1']);
  const stack = (await app.client.listChildren(day1)).find((a) => a.type === 'version_stack');
  expect(stack, 'a version stack replaced slate.svg').toBeDefined();
  const versions = await app.client.listChildren(stack!.id);
  expect(versions.map((v) => v.name).sort()).toEqual(['slate v2.svg', 'slate.svg']);
}
