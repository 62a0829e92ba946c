// One launch of the window the way `npm start` runs it where Electron is absent (src/main/browser-host/preview.ts):
// a DesktopBackend on a state folder (journal, the in-process sandbox's data, settings), signed in at start-up
// (restoreOrSandbox: no saved token, so the sandbox), a browser host over its handlers (and the preview's spool for
// dropped files), and a page in real Chromium. quit() stops them the way quitting does (the host, then the backend:
// final journal writes, the sandbox), so the next launch on the same folder finds what this one left. 127.0.0.1 only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import type { BrowserHost } from '../../../src/main/browser-host/browser-host';
import { Spool } from '../../../src/main/browser-host/spool';
import { releaseWhenSettled } from '../../../src/main/browser-host/spool-lifecycle';
import type { AuthStatus } from '../../../src/shared/ipc/schemas';
import { memoryVault, startHostFor } from './app-harness';

export interface Launch {
  page: Page;
  backend: DesktopBackend;
  status: AuthStatus;
  /** The in-process sandbox's demo token (from its state file, as `ferry sandbox --json` prints it). */
  sandboxToken(): Promise<string>;
  /** Quits: the host, then the backend (its batches end journaled), then the page. Stopping twice is stopping once. */
  quit(): Promise<void>;
}

export async function launch(browser: Browser, stateDir: string, settings: { partsInFlight?: number } = {}): Promise<Launch> {
  let host: BrowserHost | null = null;
  let context: BrowserContext | null = null;
  const spool = new Spool(path.join(stateDir, 'browser-spool'));
  let released: ReturnType<typeof releaseWhenSettled> = () => undefined;
  const backend = new DesktopBackend({
    vault: memoryVault(),
    keychainAvailable: true,
    journalDir: path.join(stateDir, 'desktop-journal'),
    sandboxDataDir: path.join(stateDir, 'desktop-sandbox'),
    settingsFile: path.join(stateDir, 'desktop-settings.json'),
    lastApiFile: path.join(stateDir, 'desktop-last-api.json'),
    initialSettings: settings,
    pickPaths: async () => [],
    reveal: async () => undefined,
    push: (event, payload) => {
      host?.push(event, payload);
      released(event, payload);
    },
  });
  released = releaseWhenSettled(spool, (id) => backend.uploadPath(id));
  let quitting: Promise<void> | null = null;
  const quit = () =>
    (quitting ??= (async () => {
      await host?.close().catch(() => undefined);
      await backend.close().catch(() => undefined);
      await context?.close().catch(() => undefined);
    })());
  try {
    const status = await backend.restoreOrSandbox();
    host = await startHostFor(backend, spool);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(host.url);
    const sandboxToken = async () => (JSON.parse(await readFile(path.join(stateDir, 'desktop-sandbox', 'state.json'), 'utf8')) as { token: string }).token;
    return { page, backend, status, sandboxToken, quit };
  } catch (error) {
    await quit();
    throw error;
  }
}
