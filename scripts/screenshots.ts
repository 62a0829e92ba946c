// `npm run screenshots`: every main screen and state of the window, light and dark, into docs/screenshots/ — the
// built renderer in real Chromium, over the real handlers, engine and a sandbox (the e2e harness), signed in to the
// sandbox's Frame.io V4: the tree is Account → Workspace → Project → folders, across the demo user's accounts.
import { mkdir, appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeFile } from '../tests/support/files';
import { type AppHarness, openApp, ROOT } from '../tests/e2e/support/app-harness';
import { launchChromium } from '../tests/e2e/support/chromium';
import { dragOver, dropFiles } from '../tests/e2e/support/drop';
import { answer } from '../tests/support/sign-in-page';

const OUT = path.join(ROOT, 'docs/screenshots');
const MB = 1_000_000;

async function shoot(page: Page, name: string, theme: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, `${name}-${theme}.png`) });
  console.log(`docs/screenshots/${name}-${theme}.png`);
}

const status = (page: Page, name: string, value: string) => page.locator(`.queue-row[data-status="${value}"]`, { hasText: name }).waitFor({ timeout: 120_000 });

async function scenes(app: AppHarness, theme: 'light' | 'dark'): Promise<void> {
  const { page } = app;
  await page.emulateMedia({ reducedMotion: 'reduce' }); // bars caught mid-transition would disagree with their numbers
  await page.getByRole('button', { name: 'Try the sandbox' }).waitFor();

  await app.signInToAccount();
  await page.locator('.contents').getByRole('row', { name: /Day 1/ }).dblclick();
  await page.locator('.contents').getByRole('gridcell', { name: 'slate.svg' }).waitFor();
  await shoot(page, '2-browser', theme);

  const card = path.join(app.work, 'CARD_A');
  const clips = ['A001_C001_0412XY.mov', 'A001_C002_0412XY.mov', 'A001_C003_0412XY.mov', 'A001_C004_0412XY.mov'];
  const sizes = [48 * MB, 31 * MB, 64 * MB, 12 * MB];
  for (const [i, clip] of clips.entries()) await makeFile(path.join(card, 'Cam A', clip), sizes[i]!);
  await makeFile(path.join(card, 'Sound', 'SR001.wav'), 9 * MB);
  await makeFile(path.join(card, 'Cam A', '.DS_Store'), 6);
  const drag = await dragOver(page, page.locator('.contents').getByRole('row', { name: /Cam A/ }), [{ name: 'CARD_A', path: card }]);
  await page.locator('.drop-overlay').waitFor();
  await shoot(page, '3-dropping', theme);
  await drag.leave();

  // A clash: dropping the seeded slate.svg's name again offers skip / keep both / version.
  const slate = await makeFile(path.join(app.work, 'more', 'slate.svg'), 2048);
  await dropFiles(page, page.locator('.contents'), [{ name: 'CARD_A', path: card }, { name: 'slate.svg', path: slate }]);
  await page.getByRole('dialog').getByRole('button', { name: 'Keep both' }).waitFor();
  await shoot(page, '4-preflight', theme);

  app.account.setFaults({ putSlow: 1, slowBytesPerSec: 600 * 1024 });
  await page.getByRole('dialog').getByRole('button', { name: 'Keep both' }).click();
  await status(page, 'A001_C003_0412XY.mov', 'uploading');
  // Paused part-way (a third of it stored), so the scene shows a paused row with its kept progress beside moving ones.
  await page.waitForFunction(() => Number(document.querySelector('[aria-label="A001_C002_0412XY.mov progress"]')?.getAttribute('aria-valuenow') ?? 0) >= 30, undefined, { timeout: 120_000 });
  await page.locator('.queue-row', { hasText: 'A001_C002' }).getByRole('button', { name: /Pause/ }).dispatchEvent('click');
  await status(page, 'A001_C002_0412XY.mov', 'paused');
  await page.waitForFunction(() => Number(document.querySelector('[aria-label="All uploads"]')?.getAttribute('aria-valuenow') ?? 0) >= 20, undefined, { timeout: 120_000 });
  await shoot(page, '5-uploading', theme);

  // A file still being written when it is uploaded: it fails with a reason a person can act on.
  const growing = path.join(card, 'Cam A', 'A001_C003_0412XY.mov');
  await appendFile(growing, Buffer.alloc(1024));
  await status(page, 'A001_C003_0412XY.mov', 'failed');
  await page.locator('.queue-row', { hasText: 'A001_C003' }).getByRole('button', { name: 'Details' }).click();
  await shoot(page, '6-error', theme);
  await page.locator('.queue-row', { hasText: 'A001_C003' }).getByRole('button', { name: 'Details' }).click();

  app.account.setFaults({});
  // The queue's own controls (its rows may be scrolled out of the panel's height).
  await page.getByRole('region', { name: 'Uploads' }).getByRole('button', { name: 'Resume all' }).click();
  await page.getByRole('region', { name: 'Uploads' }).getByRole('button', { name: 'Retry failed' }).click();
  for (const clip of clips) await status(page, clip, 'completed');
  await status(page, 'SR001.wav', 'completed');
  await page.locator('.contents').getByRole('row', { name: /CARD_A/ }).dblclick();
  await page.locator('.contents').getByRole('row', { name: /Cam A/ }).dblclick();
  await page.locator('.contents').getByRole('gridcell', { name: 'A001_C004_0412XY.mov' }).waitFor();
  await shoot(page, '7-done', theme);

  // Every account of the user, and a project another account shared: the V4 tree opened wide.
  const tree = (name: string) => page.getByRole('treeitem', { name, exact: true });
  await tree('Day 1').click(); // collapse what the upload opened, so the other accounts are in view
  await tree('Day 1').press('ArrowLeft');
  await tree('Second Team').click();
  await tree('Second Project').click();
  await tree('Shared with me').click();
  await tree('Partner Review').click();
  await page.locator('.contents').getByRole('row', { name: /Selects/ }).waitFor();
  await tree('Inbox').waitFor();
  await shoot(page, '8-accounts', theme);

  // The account menu: who is signed in, to which API, and the ways to another account, the sandbox, or out.
  await page.getByRole('button', { name: /Demo User/ }).click();
  await page.getByTestId('account-api').waitFor();
  await shoot(page, '9-account-menu', theme);

  // Signed out: the sign-in form with its API choice open (V4 by default, the legacy V2, another address).
  await page.getByRole('menuitem', { name: 'Use another account…' }).click();
  await page.getByText('API: Frame.io V4').click();
  await page.getByRole('radio', { name: /V2 \(legacy\)/ }).waitFor();
  await shoot(page, '1b-sign-in-api', theme);
}

/** "Sign in with Adobe": the sign-in screen, waiting for the browser, a sign-in denied on the Adobe page, and (signed
 * in) the banner asking to sign in again when the refresh token was revoked mid-upload. */
async function adobeScenes(app: AppHarness, theme: 'light' | 'dark'): Promise<void> {
  const { page } = app;
  await page.emulateMedia({ reducedMotion: 'reduce' }); // bars caught mid-transition would disagree with their numbers
  const start = async () => {
    await page.getByText(/^API: /).click();
    await page.getByRole('radio', { name: 'Another address' }).check();
    await page.getByLabel('API address').fill(app.apiUrl);
    await page.getByText(/^API: /).click(); // folded again: the screen as a person sees it
    await page.getByRole('button', { name: 'Sign in with Adobe' }).click();
    await page.getByTestId('adobe-waiting').waitFor();
    return app.opened.at(-1) as string;
  };
  const allow = async (url: string, label: 'Allow' | 'Deny') => (await answer(url, label)).headers.get('location') ?? '';
  await page.getByRole('button', { name: 'Sign in with Adobe' }).waitFor();
  await shoot(page, '1-sign-in', theme);
  const first = await start();
  await shoot(page, '1c-adobe-waiting', theme);
  await app.handRedirect(await allow(first, 'Deny'));
  await page.getByTestId('adobe-error').waitFor();
  await shoot(page, '1d-adobe-denied', theme);

  await page.getByRole('button', { name: 'Sign in with Adobe' }).click();
  await page.getByTestId('adobe-waiting').waitFor();
  await app.handRedirect(await allow(app.opened.at(-1) as string, 'Allow'));
  await page.locator('.contents').getByRole('row', { name: /Day 1/ }).dblclick();
  await page.locator('.contents').getByRole('gridcell', { name: 'slate.svg' }).waitFor();
  app.account.setFaults({ putSlow: 1, slowBytesPerSec: 100 * 1024 });
  const clip = await makeFile(path.join(app.work, 'adobe', 'B002_C001_0413QZ.mov'), 24 * MB);
  await dropFiles(page, page.locator('.contents'), [{ name: 'B002_C001_0413QZ.mov', path: clip }]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
  // Parts on the wire, none stored yet (the bar counts stored bytes: waiting for some would let the file finish first).
  await page.waitForFunction(() => /sending/.test(document.querySelector('[aria-label="B002_C001_0413QZ.mov progress"]')?.getAttribute('aria-valuetext') ?? ''), undefined, { timeout: 120_000 });
  app.account.revokeRefreshTokens();
  app.account.expireAccessTokens();
  // The next API call (a second drop's look at the folder) meets the ended sign-in.
  const note = await makeFile(path.join(app.work, 'adobe', 'notes.txt'), 1200);
  await dropFiles(page, page.locator('.contents'), [{ name: 'notes.txt', path: note }]);
  await page.getByTestId('sign-in-again').waitFor();
  await status(page, 'B002_C001_0413QZ.mov', 'paused');
  app.account.setFaults({});
  await shoot(page, '10-sign-in-again', theme);
}

await mkdir(OUT, { recursive: true });
const chromium = await launchChromium();
/** `--sign-in`: only the sign-in screens (quick, after a change to them). */
const onlySignIn = process.argv.includes('--sign-in');
try {
  for (const theme of ['light', 'dark'] as const) {
    for (const run of onlySignIn ? [adobeScenes] : [scenes, adobeScenes]) {
      const app = await openApp(chromium.browser, { colorScheme: theme, sandbox: { partSizeBytes: 4 * 1024 * 1024 } });
      try {
        await run(app, theme);
      } finally {
        await app.close();
      }
    }
  }
} finally {
  await chromium.stop();
}
