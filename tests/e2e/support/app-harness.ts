// One Ferry window for an end-to-end test: the built renderer in real Chromium (a browser context of its own), on
// the browser host, over the desktop app's own handlers (DesktopBackend), the real engine and a real sandbox, all
// new for the test and all on 127.0.0.1. The page starts signed out. Everything started here is stopped by
// `close()`, which the test's fixture calls whether the test passed or not. The window signs in to the sandbox's V4
// (where Frame.io accounts are now) unless a test asks for the legacy V2; what arrived is checked through V2 either
// way (`client`: the same store, read by the other API, with the stitched originals' URLs).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DesktopBackend, type TokenVault } from '../../../src/main/backend/desktop-backend';
import { type BrowserHost, startBrowserHost } from '../../../src/main/browser-host/browser-host';
import { Spool } from '../../../src/main/browser-host/spool';
import { releaseWhenSettled } from '../../../src/main/browser-host/spool-lifecycle';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import type { SandboxOptions } from '../../../src/sandbox/options';
import { V2Client } from '../../../src/core/frameio/v2-client';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface AppHarness {
  page: Page;
  host: BrowserHost;
  backend: DesktopBackend;
  /** A sandbox started by the test ("a Frame.io account"), to sign in to and to check what arrived. */
  account: Sandbox;
  /** The API the window signs in to: V4 (default) or the legacy V2. */
  api: 'v4' | 'v2';
  /** That API's address on `account`. */
  apiUrl: string;
  client: V2Client;
  work: string;
  /** Where the browser window's dropped files without a path are received (as in `npm start`'s preview). */
  spool: Spool;
  /** What the native file dialog will answer next. */
  nextPick: string[];
  /** Every page "Sign in with Adobe" opened in the system browser (the authorize URLs), oldest first. */
  opened: string[];
  /** Hands a sign-in redirect to the window the way the desktop app's protocol handler would: through the browser
   * host's /__host/sign-in-redirect, from the page (its cookie and origin), to backend.handleSignInRedirect. */
  handRedirect(url: string): Promise<void>;
  /** Signs the window in to `account` (token + API URL) through the same handler the sign-in form uses. */
  signInToAccount(): Promise<void>;
  close(): Promise<void>;
}

export function memoryVault(): TokenVault {
  const data = new Map<string, string>();
  return { get: async (url) => data.get(url) ?? null, set: async (url, token) => void data.set(url, token), delete: async (url) => void data.delete(url) };
}

export interface OpenAppOptions {
  sandbox?: SandboxOptions;
  /** The API the window signs in to (default V4). */
  api?: 'v4' | 'v2';
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Names the test in the page errors reported at close. */
  label?: string;
  /** FERRY_IMS_* for the window: Adobe sign-in set up against `account`'s sign-in server (default), or none. */
  adobe?: 'account' | 'none';
}

/** The browser host over a backend's handlers, serving the built renderer, with its spool for dropped files: what
 * `npm start`'s preview starts (src/main/browser-host/preview.ts). */
export function startHostFor(backend: DesktopBackend, spool: Spool): Promise<BrowserHost> {
  return startBrowserHost({
    handlers: backend.handlers(),
    rendererDir: path.join(ROOT, 'dist/renderer'),
    bridgePath: path.join(ROOT, 'dist/browser-host/bridge.js'),
    signInRedirect: (url) => backend.handleSignInRedirect(url),
    onDropped: (paths) => backend.grantDropped(paths),
    local: { grant: (paths) => backend.grantDropped(paths), spool },
  });
}

export async function openApp(browser: Browser, options: OpenAppOptions = {}): Promise<AppHarness> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-'));
  const closers: Array<() => Promise<unknown>> = [async () => rm(work, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const account = await startSandbox({ dataDir: path.join(work, 'account'), ...options.sandbox });
    closers.push(() => account.close());
    let host: BrowserHost | null = null;
    const harness = { nextPick: [] as string[], opened: [] as string[] };
    const spool = new Spool(path.join(work, 'state', 'browser-spool'));
    let released: ReturnType<typeof releaseWhenSettled> = () => undefined;
    const env = options.adobe === 'none' ? {} : { FERRY_IMS_URL: account.imsUrl, FERRY_IMS_CLIENT_ID: account.imsClientId, FERRY_IMS_REDIRECT_URI: account.imsRedirectUri };
    const backend = new DesktopBackend({
      vault: memoryVault(),
      keychainAvailable: true,
      journalDir: path.join(work, 'journal'),
      sandboxDataDir: path.join(work, 'try-sandbox'),
      pickPaths: async () => harness.nextPick.splice(0), // main's dialog: what it answers is granted
      reveal: async () => undefined,
      openExternal: async (url) => void harness.opened.push(url),
      env,
      push: (event, payload) => {
        host?.push(event, payload);
        released(event, payload);
      },
    });
    released = releaseWhenSettled(spool, (id) => backend.uploadPath(id));
    closers.push(() => backend.close());
    host = await startHostFor(backend, spool);
    closers.push(() => host!.close());
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
    closers.push(() => context.close());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    closers.push(async () => {
      if (errors.length) console.warn(`page errors${options.label ? ` in "${options.label}"` : ''}:\n${errors.join('\n')}`);
    });
    await page.goto(host.url);
    const client = new V2Client({ baseUrl: account.apiUrl, token: account.token });
    const api = options.api ?? 'v4';
    const apiUrl = api === 'v4' ? account.apiV4Url : account.apiUrl;
    return Object.assign(harness, {
      page,
      host,
      backend,
      account,
      api,
      apiUrl,
      client,
      work,
      spool,
      close,
      async handRedirect(url: string) {
        const status = await page.evaluate(async (redirect) => (await fetch('/__host/sign-in-redirect', { method: 'POST', body: JSON.stringify({ url: redirect }) })).status, url);
        if (status !== 200) throw new Error(`the host refused the redirect (${status})`);
      },
      async signInToAccount() {
        await page.evaluate(({ token, apiUrl }) => (window as unknown as { ferry: { auth: { signIn(r: object): Promise<unknown> } } }).ferry.auth.signIn({ token, apiUrl }), { token: account.token, apiUrl });
      },
    });
  } catch (error) {
    await close();
    throw error;
  }
}
