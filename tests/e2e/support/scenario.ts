// What the e2e files share: Chromium started once per file, an `app` fixture giving each test its own window,
// backend and sandbox account (signed out, on V4 unless the suite overrides `api` with 'v2'), and the few steps every
// scenario takes — sign in and wait for the first project, open Day 1, wait for a queue row's status, find a folder.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it as base } from 'vitest';
import type { SandboxOptions } from '../../../src/sandbox/options';
import { type AppHarness, openApp } from './app-harness';
import { launchChromium } from './chromium';

/** The `it` of a file whose scenarios run on `sandbox` (options for each test's own sandbox). Inside a describe,
 * `it.override({ api: 'v2' })` runs its scenarios on the legacy V2 API instead of V4. */
export function e2eTest(sandbox: SandboxOptions = {}) {
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.stop();
  });
  return base.extend<{ api: 'v4' | 'v2'; app: AppHarness }>({
    api: 'v4',
    /** `app`: this test's own window, account and backend, closed after the test whatever happened in it. */
    app: async ({ task, api }, use) => {
      if (!chromium) throw new Error('Chromium did not start');
      const app = await openApp(chromium.browser, { sandbox, api, label: task.name });
      try {
        await use(app);
      } finally {
        await app.close();
      }
    },
  });
}

export const row = (page: Page, name: string) => page.locator('.queue-row', { hasText: name });
export async function waitForStatus(page: Page, name: string, status: string, timeoutMs = 60_000) {
  await page.locator(`.queue-row[data-status="${status}"]`, { hasText: name }).waitFor({ timeout: timeoutMs });
}
export const currentFolder = (page: Page) => page.locator('.breadcrumbs [aria-current]').innerText();

/** Signs the window in to its account and waits for the first project, which the app opens by itself. */
export async function signIn(app: AppHarness): Promise<void> {
  await app.signInToAccount();
  await app.page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
  await expect.poll(() => currentFolder(app.page)).toBe('Demo Project');
}

/** Signed in and showing Demo Project › Day 1 (the seeded folder holding slate.svg). */
export async function signInToDay1(app: AppHarness): Promise<void> {
  await signIn(app);
  await app.page.getByRole('row', { name: /Day 1/ }).dblclick();
  await expect.poll(() => currentFolder(app.page)).toBe('Day 1');
  await app.page.getByRole('gridcell', { name: 'slate.svg' }).waitFor();
}

/** The tree as the page shows it: "level name" per row, indented by level. */
export async function treeRows(page: Page): Promise<string[]> {
  return page.locator('[role="treeitem"]').evaluateAll((items) => items.map((i) => `${'  '.repeat(Number(i.getAttribute('aria-level')) - 1)}${i.textContent?.trim()}`));
}

/** The id of a folder reached by names from the account's own projects: ['Demo Project', 'Day 1']. */
export async function findFolder(harness: AppHarness, names: string[]): Promise<string> {
  const [projectName, ...rest] = names;
  for (const account of await harness.client.listAccounts()) {
    for (const workspace of await harness.client.listWorkspaces(account.id)) {
      const project = (await harness.client.listProjects(workspace)).find((p) => p.name === projectName);
      if (project) return folderUnder(harness, project.rootFolderId, rest);
    }
  }
  const shared = (await harness.client.listSharedProjects()).find((p) => p.name === projectName);
  if (shared) return folderUnder(harness, shared.rootFolderId, rest);
  throw new Error(`no project ${projectName}`);
}

async function folderUnder(harness: AppHarness, id: string, names: string[]): Promise<string> {
  for (const name of names) {
    const next = (await harness.client.listChildren(id)).find((a) => a.name === name && a.type === 'folder');
    if (!next) throw new Error(`no folder ${name}`);
    id = next.id;
  }
  return id;
}
