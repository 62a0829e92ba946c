// Window polish (issue 13 §8) in real Chromium over the browser host, the desktop backend and a sandbox: the Uploads
// panel's size, the theme button's first click, leaving the sandbox, and a failure below the fold. Each checks what
// the page really lays out and paints (bounding boxes, computed colours), not the markup alone.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { makeFile } from '../support/files';
import { dropFiles } from './support/drop';
import type { AppHarness } from './support/app-harness';
import { e2eTest, row, signInToDay1 } from './support/scenario';

const KiB = 1024;
const it = e2eTest({ partSizeBytes: 64 * KiB });

const height = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!.height;
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** WCAG contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** A queue row's status as main has it (the page renders only the rows in view). */
const statusOf = async (app: AppHarness, name: string) => (await app.backend.handlers()['uploads:list']({})).find((r) => r.name === name)?.status;

async function uploadSmallFiles(app: AppHarness, dir: string, count: number): Promise<string[]> {
  const { page } = app;
  const names = Array.from({ length: count }, (_, i) => `still_${String(i + 1).padStart(2, '0')}.jpg`);
  const items = await Promise.all(names.map(async (name) => ({ name, path: await makeFile(path.join(dir, name), 2 * KiB) })));
  await dropFiles(page, page.locator('.contents'), items);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
  for (const name of names) await expect.poll(() => statusOf(app, name), { timeout: 60_000 }).toBe('completed');
  return names;
}

describe('window polish', () => {
  it('the empty Uploads panel is one line; it grows with its rows and its splitter resizes it by keyboard, kept after a reload', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    const window = page.viewportSize()!.height;
    expect(await height(page, '.queue')).toBeLessThan(0.15 * window); // was 40 % of the window, empty
    await uploadSmallFiles(app, path.join(app.work, 'stills'), 3);
    expect(await height(page, '.queue__list')).toBeCloseTo(3 * 52, 0); // as tall as its three rows
    const splitter = page.getByRole('separator', { name: 'Uploads list height' });
    await splitter.focus();
    await page.keyboard.press('Home'); // the least: two rows
    expect(await height(page, '.queue__list')).toBeCloseTo(2 * 52, 0);
    await page.reload();
    await page.locator('.queue-row').first().waitFor();
    expect(await height(page, '.queue__list')).toBeCloseTo(2 * 52, 0);
    // Dragging the splitter up by three rows makes the list as tall as its three rows again (no taller: it has three).
    const box = (await splitter.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 3 * 52, { steps: 4 });
    await page.mouse.up();
    expect(await height(page, '.queue__list')).toBeCloseTo(3 * 52, 0);
  });

  for (const os of ['light', 'dark'] as const) {
    it(`on an OS that is ${os}, the theme button's first click changes what is on screen`, async ({ app }) => {
      const { page } = app;
      await page.emulateMedia({ colorScheme: os });
      await signInToDay1(app);
      const before = await background(page);
      const button = page.locator('.top-bar__actions').getByRole('button', { name: /theme/ });
      expect(await button.getAttribute('title')).toMatch(new RegExp(`^${os === 'light' ? 'Light' : 'Dark'} theme \\(as the system\\): switch to ${os === 'light' ? 'dark' : 'light'}$`));
      await button.click();
      await expect.poll(() => background(page)).not.toBe(before);
      await button.click();
      await expect.poll(() => background(page)).toBe(before);
    });
  }

  it('"Sign in to Frame.io…" from the sandbox asks first, saying sandbox uploads stay there', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
    const messages: string[] = [];
    const answer = (accept: boolean) => page.once('dialog', (dialog) => {
      messages.push(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
    answer(false);
    await page.getByRole('button', { name: /Demo User/ }).click();
    await page.getByRole('menuitem', { name: 'Sign in to Frame.io…' }).click();
    expect(messages[0]).toMatch(/^Leave the sandbox\? What you uploaded to it stays in the sandbox on this computer/);
    expect(await page.getByRole('treeitem', { name: /Demo Project/ }).count()).toBe(1); // Cancel: still on the sandbox
    answer(true);
    await page.getByRole('button', { name: /Demo User/ }).click();
    await page.getByRole('menuitem', { name: 'Sign in to Frame.io…' }).click();
    await page.getByRole('button', { name: 'Try the sandbox' }).waitFor();
    expect(messages).toHaveLength(2);
  });

  it('a failure below the fold is one click away, and its mark reads in both themes', async ({ app }) => {
    const { page } = app;
    await signInToDay1(app);
    await uploadSmallFiles(app, path.join(app.work, 'stills'), 8);
    const file = await makeFile(path.join(app.work, 'late', 'growing.mov'), 1024 * KiB);
    app.account.setFaults({ putSlow: 1, slowBytesPerSec: 128 * KiB });
    try {
      await dropFiles(page, page.locator('.contents'), [{ name: 'growing.mov', path: file }]);
      await page.getByRole('dialog').getByRole('button', { name: 'Upload' }).click();
      await expect.poll(() => statusOf(app, 'growing.mov'), { timeout: 60_000 }).toBe('uploading');
      await appendFile(file, Buffer.alloc(4096, 1)); // still being copied
      await expect.poll(() => statusOf(app, 'growing.mov'), { timeout: 60_000 }).toBe('failed');
    } finally {
      app.account.setFaults({});
    }
    const inView = async () => {
      const list = (await page.locator('.queue__list').boundingBox())!;
      const box = (await row(page, 'growing.mov').count()) > 0 ? await row(page, 'growing.mov').boundingBox() : null;
      return box !== null && box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1;
    };
    expect(await inView()).toBe(false); // the ninth row, below the five on screen

    await page.getByRole('button', { name: 'Show first failed' }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.uploadId ?? null)).not.toBeNull();
    expect(await row(page, 'growing.mov').evaluate((el) => el.contains(document.activeElement))).toBe(true);
    expect(await inView()).toBe(true);
    // The mark: a filled triangle whose "!" is cut out in the panel's colour, readable in both themes.
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
      const mark = await row(page, 'growing.mov').locator('.queue-row__name > svg').evaluate((svg) => {
        const style = getComputedStyle(svg);
        return { fill: style.fill, stroke: style.stroke, panel: getComputedStyle(document.querySelector('.queue')!).backgroundColor };
      });
      expect(contrast(mark.fill, mark.stroke), `${theme}: ${JSON.stringify(mark)}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(mark.fill, mark.panel), `${theme}: ${JSON.stringify(mark)}`).toBeGreaterThanOrEqual(3);
    }
  });
});
