// The desktop backend signed in with Adobe on the sandbox's own sign-in server (through the same dispatch as IPC and
// the browser host), staying signed in while files upload: access tokens expired mid-upload are refreshed (the
// rotated credential replaces the keychain entry at once) and the bytes arrive whole; a revoked refresh token pauses
// the uploads (not failed), the window is asked to sign in again, and after the same person signs in they finish in
// the same session. Throughout, nothing secret leaves main: no pushed (IPC/SSE) payload, no handler answer, no line on
// stdout/stderr, no journal or settings file holds an access token, a refresh token or a PKCE verifier — which are
// read off the wire by a recording proxy in front of the sign-in server. Only the keychain entry holds the tokens.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refreshTokens } from '../../../src/core/auth/ims-client';
import { type AdobeCredential, adobeCredential, parseStoredCredential, serializeCredential } from '../../../src/core/auth/stored-credential';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import { dispatchDropped } from './dispatch-dropped';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import type { InvokeChannel } from '../../../src/shared/ipc/contract';
import type { AuthStatus, UploadRow } from '../../../src/shared/ipc/schemas';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { answer } from '../../support/sign-in-page';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
let work: string;
let account: Sandbox;
let proxy: http.Server;
let imsUrl: string;
/** Every secret seen on the wire to and from the sign-in server. */
const secrets = new Set<string>();

/** Forwards to the sandbox's sign-in server and keeps every code_verifier, access_token and refresh_token it sees. */
function recordingProxy(target: string): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) if (['code_verifier', 'refresh_token'].includes(k)) secrets.add(v);
      const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answerRes) => {
        const back: Buffer[] = [];
        answerRes.on('data', (c: Buffer) => back.push(c));
        answerRes.on('end', () => {
          const text = Buffer.concat(back).toString('utf8');
          try {
            const json = JSON.parse(text) as Record<string, unknown>;
            for (const k of ['access_token', 'refresh_token', 'id_token']) if (typeof json[k] === 'string') secrets.add(json[k]);
          } catch {
            // an HTML page (authorize): nothing secret in it
          }
          res.writeHead(answerRes.statusCode ?? 502, answerRes.headers);
          res.end(text);
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-adobe-session-'));
  account = await startSandbox({ dataDir: path.join(work, 'account'), partSizeBytes: MiB });
  proxy = recordingProxy(account.imsUrl);
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  imsUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await account?.close();
  await rm(work, { recursive: true, force: true });
});

/** A backend over an in-memory keychain, in its own folder under the test's work folder; opened URLs are kept. */
function backendIn(name: string, env: Record<string, string>) {
  const keychain = new Map<string, string>();
  const opened: string[] = [];
  const backend = new DesktopBackend({
    vault: { get: async (u) => keychain.get(u) ?? null, set: async (u, t) => void keychain.set(u, t), delete: async (u) => void keychain.delete(u) },
    keychainAvailable: true,
    journalDir: path.join(work, name, 'journal'),
    settingsFile: path.join(work, name, 'settings.json'),
    sandboxDataDir: path.join(work, name, 'sandbox'),
    pickPaths: async () => [],
    reveal: async () => undefined,
    openExternal: async (url) => void opened.push(url),
    env,
    push: () => undefined,
  });
  return { backend, keychain, opened };
}

describe('desktop: signed in with Adobe', () => {
  it('refreshes expired tokens mid-upload, pauses for a sign-in again when refused, continues after it; no secret leaves main', async () => {
    const keychain = new Map<string, string>();
    const pushed: string[] = [];
    const answers: string[] = [];
    const opened: string[] = [];
    const output: string[] = [];
    const journalDir = path.join(work, 'journal');
    const settingsFile = path.join(work, 'settings.json');
    const keep = (stream: NodeJS.WriteStream) => {
      const write = stream.write.bind(stream);
      return vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    };
    const spies = [keep(process.stdout), keep(process.stderr)];
    const backend = new DesktopBackend({
      vault: { get: async (u) => keychain.get(u) ?? null, set: async (u, t) => void keychain.set(u, t), delete: async (u) => void keychain.delete(u) },
      keychainAvailable: true,
      journalDir,
      settingsFile,
      sandboxDataDir: path.join(work, 'try'),
      pickPaths: async () => [],
      reveal: async () => undefined,
      openExternal: async (url) => void opened.push(url),
      env: { FERRY_IMS_URL: imsUrl, FERRY_IMS_CLIENT_ID: account.imsClientId, FERRY_IMS_REDIRECT_URI: account.imsRedirectUri },
      push: (event, payload) => void pushed.push(`${event} ${JSON.stringify(payload)}`),
    });
    const call = async <C extends InvokeChannel>(channel: C, payload: unknown = {}) => {
      const value = await dispatchDropped(backend, channel, payload);
      answers.push(JSON.stringify(value));
      return value;
    };
    const signInThroughBrowser = async (request: object) => {
      const before = opened.length;
      await call('auth:adobeSignIn', request);
      const page = await answer(opened[before]!, 'Allow');
      await backend.handleSignInRedirect(page.headers.get('location') ?? '');
    };
    const lastStatus = (): AuthStatus => JSON.parse(pushed.filter((p) => p.startsWith('auth:changed ')).at(-1)!.slice('auth:changed '.length)) as AuthStatus;
    const rows = () => call('uploads:list') as Promise<UploadRow[]>;
    /** The journal (while files are unfinished: it is removed once they complete) and settings files, as written. */
    const written: Array<[string, string]> = [];
    const snapshotFiles = async () => {
      const journals = (await readdir(journalDir).catch(() => [])).filter((name) => !name.endsWith('.tmp')); // not a write's temp file
      for (const f of [settingsFile, ...journals.map((name) => path.join(journalDir, name))]) written.push([f, await readFile(f, 'utf8')]);
    };
    const check = new V2Client({ baseUrl: account.apiUrl, token: account.token });
    try {
      await call('settings:set', { theme: 'dark' });
      await signInThroughBrowser({ apiUrl: account.apiV4Url });
      expect(backend.status()).toMatchObject({ signedIn: true, signedInWith: 'adobe', user: { name: 'Demo User' } });
      const saved = () => JSON.parse(keychain.get(account.apiV4Url)!) as { kind: string; refreshToken: string; accessToken: string };
      expect(saved()).toMatchObject({ kind: 'adobe', clientId: account.imsClientId });
      const firstRefresh = saved().refreshToken;

      // 1. Access tokens expire while a file uploads (slow PUTs): refreshed, the rotated refresh token kept at once.
      const first = await makeFile(path.join(work, 'files', 'A001.mov'), 6 * MiB + 11);
      account.setFaults({ seed: 5, putSlow: 1, slowBytesPerSec: 3 * MiB });
      await call('uploads:enqueue', { paths: [first], folderId: account.rootFolderId, accountId: account.accountId });
      await waitFor(async () => ((await rows())[0]?.acknowledgedBytes ?? 0) >= MiB, 'a first part', 60_000);
      account.expireAccessTokens();
      await waitFor(async () => (await rows())[0]?.status === 'completed', 'A001.mov to complete', 60_000);
      account.setFaults({});
      expect(saved().refreshToken).not.toBe(firstRefresh);
      const [a001] = (await check.listChildren(account.rootFolderId)).filter((a) => a.name === 'A001.mov');
      expect(await sha256Url((await check.getAsset(a001!.id)).originalUrl!)).toBe(await sha256File(first));

      // 2. While a big file's parts go out, the refresh token is revoked and the access token expires; the next API
      // call (another file's create) is refused: the moving files pause (not failed), the window asks to sign in again.
      const second = await makeFile(path.join(work, 'files', 'B001.mov'), 8 * MiB + 7);
      const nudge = await makeFile(path.join(work, 'files', 'C001.wav'), 40_000);
      account.setFaults({ seed: 6, putSlow: 1, slowBytesPerSec: 2 * MiB });
      await call('uploads:enqueue', { paths: [second], folderId: account.rootFolderId, accountId: account.accountId });
      await waitFor(async () => ((await rows())[1]?.acknowledgedBytes ?? 0) >= MiB, 'a first part of B001', 60_000);
      expect(account.revokeRefreshTokens()).toBeGreaterThan(0);
      account.expireAccessTokens();
      // Its drop is answered once the folder can be looked up, i.e. after the sign-in: not awaited here.
      const nudged = call('uploads:enqueue', { paths: [nudge], folderId: account.rootFolderId, accountId: account.accountId });
      await waitFor(() => lastStatus().adobe?.signInAgain != null, 'the window asked to sign in again', 60_000);
      account.setFaults({});
      await waitFor(async () => (await rows())[1]?.status === 'paused', 'B001 paused', 30_000);
      expect(lastStatus().adobe?.signInAgain).toMatchObject({ reason: expect.stringMatching(/Adobe sign-in has ended/) });
      expect(lastStatus().adobe?.signInAgain?.paused).toBeGreaterThanOrEqual(1);
      expect((await rows()).map((r) => r.status)).not.toContain('failed');
      expect(backend.status().signedIn).toBe(true); // still the same session: nothing failed, nothing was dropped
      await snapshotFiles();
      expect(written.filter(([f]) => f.startsWith(journalDir)).length).toBeGreaterThanOrEqual(1);

      // 3. The same person signs in again (the button in the banner): the session takes the new credential, and the
      // paused files continue where they were.
      await signInThroughBrowser({});
      await nudged;
      await waitFor(async () => (await rows()).every((r) => r.status === 'completed'), 'B001 and C001 to complete after signing in again', 60_000);
      expect(lastStatus().adobe?.signInAgain).toBeNull();
      const b001 = (await check.listChildren(account.rootFolderId)).find((a) => a.name === 'B001.mov');
      expect(await sha256Url((await check.getAsset(b001!.id)).originalUrl!)).toBe(await sha256File(second));
      expect(saved().accessToken).not.toBe('');
    } finally {
      for (const spy of spies) spy.mockRestore();
      await backend.close();
    }

    // Nothing secret anywhere but the keychain: pushes (what IPC and the host's SSE carry), answers, output, files.
    expect(secrets.size).toBeGreaterThanOrEqual(5); // 2 verifiers, access and refresh tokens of 2 sign-ins and a refresh
    await snapshotFiles();
    const places: Array<[string, string]> = [['pushed', pushed.join('\n')], ['answers', answers.join('\n')], ['output', output.join('')], ...written];
    for (const secret of secrets) for (const [where, text] of places) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
    expect([...keychain.values()].join('').length).toBeGreaterThan(0);
  }, 180_000);

  it('another process (the CLI) renewed the shared sign-in: the app adopts its credential instead of ending the sign-in', async () => {
    const { backend, keychain, opened } = backendIn('shared', { FERRY_IMS_URL: account.imsUrl, FERRY_IMS_CLIENT_ID: account.imsClientId, FERRY_IMS_REDIRECT_URI: account.imsRedirectUri });
    try {
      await dispatchDropped(backend, 'auth:adobeSignIn', { apiUrl: account.apiV4Url });
      const page = await answer(opened[0]!, 'Allow');
      await backend.handleSignInRedirect(page.headers.get('location') ?? '');
      expect(backend.status()).toMatchObject({ signedIn: true, signedInWith: 'adobe' });
      const appCredential = parseStoredCredential(keychain.get(account.apiV4Url)!) as AdobeCredential;

      // The CLI, signed in through the same keychain entry, renews first: the app's refresh token is now retired.
      const config = { imsUrl: account.imsUrl, clientId: account.imsClientId, redirectUri: account.imsRedirectUri };
      const cli = adobeCredential(await refreshTokens(config, appCredential.refreshToken!), config);
      keychain.set(account.apiV4Url, serializeCredential(cli));

      // Every access token expires; the app's next call renews — from the keychain, not with its retired token.
      account.expireAccessTokens();
      expect(await dispatchDropped(backend, 'browse:accounts', {})).toHaveLength(3);
      expect(backend.status()).toMatchObject({ signedIn: true, signedInWith: 'adobe' });
      expect(backend.status().adobe?.signInAgain ?? null).toBeNull();
      // The sign-in lives on for both: its newest refresh token still refreshes.
      const kept = parseStoredCredential(keychain.get(account.apiV4Url)!) as AdobeCredential;
      expect((await refreshTokens(config, kept.refreshToken!)).accessToken).toBeTruthy();
    } finally {
      await backend.close();
    }
  }, 60_000); // before: the app presented its retired refresh token, the sign-in ended, and the call waited for a new one

  it('not set up, Sign in with Adobe uses the in-process sandbox’s own sign-in server; its credential never reaches the keychain', async () => {
    const { backend, keychain, opened } = backendIn('in-process', {});
    try {
      expect(backend.status().adobe).toMatchObject({ configured: false, waiting: null });
      expect(backend.redirectSchemes()).toEqual(['adobe+ferrysandbox']);
      expect(await dispatchDropped(backend, 'auth:adobeSignIn', { sandbox: true })).toMatchObject({ host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
      expect(backend.status().adobe?.waiting).toMatchObject({ sandbox: true, finishing: false });
      const allowed = (await answer(opened[0]!, 'Allow')).headers.get('location') ?? '';
      expect(allowed).toMatch(/^adobe\+ferrysandbox:\/\/callback\?/);
      expect(await backend.handleSignInRedirect(allowed)).toMatchObject({ signedIn: true, sandbox: true, signedInWith: 'adobe', user: { name: 'Demo User' } });
      expect(await dispatchDropped(backend, 'browse:accounts', {})).toHaveLength(3);
      expect([...keychain.keys()]).toEqual([]);
      // The same redirect again: no attempt waits for it any more.
      await backend.handleSignInRedirect(allowed);
      expect(backend.status().adobe?.error).toMatch(/not started here, or was cancelled/);
    } finally {
      await backend.close();
    }
  });
});
