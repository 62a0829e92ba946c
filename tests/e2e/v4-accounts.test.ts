// The window on Frame.io V4 as people's accounts are today, end to end in real Chromium over the real stack: the
// sign-in form with either kind of token (and the legacy V2 one choice away), the tree Account → Workspace → Project
// → folders across every account the user has plus "Shared with me", and uploads, new folders and new versions in a
// second account and in a project another account shared — where every V4 URL must name the right account.
// What arrived is read back through V2 (the same store) and compared byte for byte.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { makeFile, sha256File, sha256Url } from '../support/files';
import { readRemoteTree } from '../support/remote';
import type { AppHarness } from './support/app-harness';
import { dragOver, dropFiles } from './support/drop';
import { currentFolder, e2eTest, findFolder, row, treeRows, waitForStatus } from './support/scenario';

const it = e2eTest({ partSizeBytes: 256 * 1024, partPlan: 'random' });

/** Types the token into the sign-in form, picks the API address, and signs in as a person does. */
async function signInWithForm(page: Page, token: string, apiUrl: string): Promise<void> {
  await page.getByLabel('Access token or developer token').fill(token);
  await page.getByText('API: Frame.io V4').click();
  await page.getByRole('radio', { name: 'Another address' }).check();
  await page.getByLabel('API address').fill(apiUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function accountMenuApi(page: Page): Promise<string> {
  await page.getByRole('button', { name: /Demo User/ }).click();
  const api = await page.getByTestId('account-api').innerText();
  await page.keyboard.press('Escape');
  return api;
}

/** Opens a project through the tree (its account and workspace opened on the way), then a folder in it. */
async function openThroughTree(page: Page, treePath: string[], folder: string): Promise<void> {
  for (const name of treePath) await page.getByRole('treeitem', { name, exact: true }).click();
  await page.locator('.contents').getByRole('row', { name: new RegExp(folder) }).dblclick();
  await expect.poll(() => currentFolder(page)).toBe(folder);
}

/** Drops a card (a clip in a subfolder and a sound file) on the open folder and waits for both rows to complete. */
async function dropCard(app: AppHarness, label: RegExp): Promise<{ card: string; clip: string; sound: string }> {
  const card = path.join(app.work, 'CARD_B');
  const clip = await makeFile(path.join(card, 'Cam B', 'B001_C001.mov'), 2 * 1024 * 1024 + 11);
  const sound = await makeFile(path.join(card, 'SR002.wav'), 300_001);
  const drag = await dragOver(app.page, app.page.locator('.contents'), [{ name: 'CARD_B', path: card }]);
  await expect.poll(() => app.page.locator('.drop-overlay').innerText()).toMatch(label);
  await drag.drop();
  const sheet = app.page.getByRole('dialog');
  await expect.poll(() => sheet.innerText()).toMatch(/2 folders, 2 files/);
  await sheet.getByRole('button', { name: 'Upload' }).click();
  for (const name of ['B001_C001.mov', 'SR002.wav']) await waitForStatus(app.page, name, 'completed');
  return { card, clip, sound };
}

async function expectSameBytes(app: AppHarness, folderId: string, expected: Record<string, string>): Promise<void> {
  const tree = await readRemoteTree(app.client, folderId);
  expect(tree.duplicates).toEqual([]);
  for (const [remote, local] of Object.entries(expected)) {
    const asset = tree.entries.get(remote);
    expect(asset?.uploadComplete, remote).toBe(true);
    expect(await sha256Url((await app.client.getAsset(asset!.id)).originalUrl!), remote).toBe(await sha256File(local));
  }
}

describe('Ferry in Chromium on Frame.io V4 accounts', () => {
  it('signs in through the form with a developer token on V4: Account → Workspace → Project → folders, every account, Shared with me', async ({ app }) => {
    const { page } = app;
    await page.getByRole('link', { name: 'Adobe Developer Console' }).waitFor(); // where a V4 access token comes from
    await signInWithForm(page, app.account.legacyToken, app.account.apiV4Url);
    await expect.poll(() => currentFolder(page)).toBe('Demo Project');
    await expect.poll(() => treeRows(page)).toEqual([
      'Demo Account',
      '  Demo Team',
      '    Demo Project',
      '      Day 1',
      '      Sound',
      '    Archive',
      'Second Studio',
      '  Second Team',
      'Partner Studio',
      'Shared with me',
    ]);
    expect(await page.getByRole('treeitem', { name: 'Partner Studio', exact: true }).getAttribute('aria-expanded')).toBeNull(); // a guest there: nothing of its own
    expect(await accountMenuApi(page)).toBe('API: Frame.io V4');
    await page.getByRole('treeitem', { name: 'Shared with me', exact: true }).click();
    await page.getByRole('treeitem', { name: 'Partner Review', exact: true }).click();
    await page.locator('.contents').getByRole('row', { name: /Selects/ }).waitFor();
    expect(await page.locator('.breadcrumbs').innerText()).toMatch(/^Shared with me\s*›?\s*Partner Review$/);
  });

  it('a bad token is refused on the form; the legacy V2 API signs in from the same form', async ({ app }) => {
    const { page } = app;
    await signInWithForm(page, 'fio-u-not-a-real-token', app.account.apiV4Url);
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Frame.io rejected this token/);
    await page.getByLabel('API address').fill(app.account.apiUrl);
    await page.getByLabel('Access token or developer token').fill(app.account.legacyToken);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => currentFolder(page)).toBe('Demo Project');
    expect(await accountMenuApi(page)).toBe('API: Frame.io V2 (legacy)');
    expect((await treeRows(page)).filter((r) => !r.startsWith(' '))).toEqual(['Demo Account', 'Second Studio', 'Shared with me']);
  });

  it('in a second account (Second Studio › Second Team › Second Project › Inbox): a new folder, a dropped card, a new version', async ({ app }) => {
    const { page } = app;
    await app.signInToAccount();
    await expect.poll(() => currentFolder(page)).toBe('Demo Project');
    await openThroughTree(page, ['Second Team', 'Second Project'], 'Inbox');
    expect(await page.locator('.breadcrumbs').innerText()).toMatch(/^Second Studio\s*›?\s*Second Project\s*›?\s*Inbox$/);

    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('New folder name').fill('Day 2');
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: 'Day 2', exact: true }).click();
    await expect.poll(() => currentFolder(page)).toBe('Day 2');
    const { clip, sound } = await dropCard(app, /Drop to upload to\s+Second Project › Inbox › Day 2/);

    // A new version of the sound file, dropped onto its row.
    await page.locator('.contents').getByRole('row', { name: /CARD_B/ }).dblclick();
    const v2 = await makeFile(path.join(app.work, 'v2', 'SR002 v2.wav'), 123_457);
    await page.locator('.contents').getByRole('row', { name: /SR002\.wav/ }).waitFor();
    await dropFiles(page, page.locator('.contents').getByRole('row', { name: /SR002\.wav/ }), [{ name: 'SR002 v2.wav', path: v2 }]);
    await page.getByRole('dialog').getByRole('button', { name: 'Add version' }).click();
    await waitForStatus(page, 'SR002 v2.wav', 'completed');

    const day2 = await findFolder(app, ['Second Project', 'Inbox', 'Day 2']);
    await expectSameBytes(app, day2, { 'CARD_B/Cam B/B001_C001.mov': clip });
    const cardId = await findFolder(app, ['Second Project', 'Inbox', 'Day 2', 'CARD_B']);
    const stack = (await app.client.listChildren(cardId)).find((a) => a.type === 'version_stack');
    const versions = await app.client.listChildren(stack!.id);
    expect(versions.map((v) => v.name).sort()).toEqual(['SR002 v2.wav', 'SR002.wav']);
    for (const [name, local] of [['SR002.wav', sound], ['SR002 v2.wav', v2]] as const) {
      expect(await sha256Url((await app.client.getAsset(versions.find((v) => v.name === name)!.id)).originalUrl!)).toBe(await sha256File(local));
    }
    // The grid shows what arrived once the batch settles.
    await page.locator('.contents').getByRole('gridcell', { name: /SR002 v2\.wav/ }).waitFor();
  });

  it('Shared with me: a project another account shared takes a dropped card into its folder, and pause/resume there', async ({ app }) => {
    const { page } = app;
    await app.signInToAccount();
    await expect.poll(() => currentFolder(page)).toBe('Demo Project');
    await openThroughTree(page, ['Shared with me', 'Partner Review'], 'Selects');
    app.account.setFaults({ putSlow: 1, slowBytesPerSec: 512 * 1024 });
    let dropped: Promise<{ clip: string; sound: string }>;
    try {
      dropped = dropCard(app, /Drop to upload to\s+Partner Review › Selects/);
      await waitForStatus(page, 'B001_C001.mov', 'uploading');
      await row(page, 'B001_C001.mov').getByRole('button', { name: 'Pause B001_C001.mov' }).click();
      await waitForStatus(page, 'B001_C001.mov', 'paused');
    } finally {
      app.account.setFaults({});
    }
    await row(page, 'B001_C001.mov').getByRole('button', { name: 'Resume B001_C001.mov' }).click();
    const { clip, sound } = await dropped;
    await expectSameBytes(app, await findFolder(app, ['Partner Review', 'Selects']), { 'CARD_B/Cam B/B001_C001.mov': clip, 'CARD_B/SR002.wav': sound });
  });
});
