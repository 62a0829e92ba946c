// `ferry login`, `whoami`, `upload` and `logout` with an Adobe sign-in, on the sandbox's own sign-in server (30 s
// access tokens) and the real OS keychain (gnome-keyring on the private D-Bus session of scripts/test.sh): the CLI is
// driven the way a person does it, minus the browser: it prints the address, the test answers the page like a
// browser without JavaScript and pastes the redirect on stdin. Every secret that crossed the sign-in server is then
// looked for in all that Ferry printed and wrote.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainTokenStore, KEYCHAIN_SERVICE } from '../../../src/core/auth/keychain';
import { ImsError, refreshTokens } from '../../../src/core/auth/ims-client';
import { type AdobeCredential, parseStoredCredential } from '../../../src/core/auth/stored-credential';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { type CliResult, parseSummary, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';
import { answer } from '../../support/sign-in-page';
import { onTerminal } from './pty';
import { filesHolding, loginWith, type RecordingProxy, recordingProxy, startFerry } from './sign-in-support';

const MiB = 1024 * 1024;
const fx = useSandbox({ partSizeBytes: MiB, ims: { accessTokenLifetimeS: 30 } }, 'ferry-login-');
// Our own keychain service: a test run never touches a real sign-in.
const SERVICE = `${KEYCHAIN_SERVICE}.cli-test-${randomBytes(4).toString('hex')}`;
const keychain = createKeychainTokenStore({ service: SERVICE });

let proxy: RecordingProxy;
let state: string;
/** Everything every ferry run printed, for the leak check at the end. */
const printed: string[] = [];

beforeAll(async () => {
  proxy = await recordingProxy(new URL(fx.sandbox.imsUrl).origin);
  state = await mkdtemp(path.join(os.tmpdir(), 'ferry-login-state-'));
});
afterAll(async () => {
  await keychain.delete(fx.sandbox.apiV4Url).catch(() => undefined);
  await proxy?.close();
  if (state) await rm(state, { recursive: true, force: true });
});

const api = () => ['--api', fx.sandbox.apiV4Url];
const env = (): Record<string, string> => ({
  FERRY_KEYCHAIN_SERVICE: SERVICE,
  FERRY_STATE_DIR: state,
  FERRY_IMS_URL: proxy.url,
  FERRY_IMS_CLIENT_ID: fx.sandbox.imsClientId,
  FERRY_IMS_REDIRECT_URI: fx.sandbox.imsRedirectUri,
});
const kept = <T extends CliResult>(result: T): T => {
  printed.push(result.stdout, result.stderr);
  return result;
};
const ferry = async (args: string[]) => kept(await runFerry([...api(), ...args], env()));
const login = async (button: 'Allow' | 'Deny', edit?: (redirect: string) => string) => kept(await loginWith(api(), env(), button, edit));
const stored = async (): Promise<AdobeCredential | null> => {
  const text = await keychain.get(fx.sandbox.apiV4Url);
  const credential = text === null ? null : parseStoredCredential(text);
  return credential?.kind === 'adobe' ? credential : null;
};
const partsStored = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, parts) => n + Object.keys(parts).length, 0);

/** Starts an upload with slow part PUTs and, once `parts` more parts are stored, does `then` (expire or revoke). */
async function whileUploading<T>(seed: number, parts: number, start: () => T, then: () => void): Promise<T> {
  fx.sandbox.setFaults({ seed, putSlow: 1, slowBytesPerSec: 2 * MiB });
  const already = partsStored();
  try {
    const run = start();
    await waitFor(() => partsStored() >= already + parts, `${parts} more parts stored`, 60_000);
    then();
    return run;
  } finally {
    fx.sandbox.setFaults({});
  }
}
/** The sign-in ends at Adobe: its refresh tokens revoked, the access token in use dead. */
const revokeSignIn = () => {
  fx.sandbox.revokeRefreshTokens();
  fx.sandbox.expireAccessTokens();
};
const errorLine = (result: CliResult) => result.stderr.trim().split('\n').at(-1) ?? '';

describe('ferry login with Adobe (the sandbox sign-in server, the real keychain)', () => {
  it('login --help says what a real account needs', async () => {
    const help = await runFerry(['login', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/FERRY_IMS_CLIENT_ID and FERRY_IMS_REDIRECT_URI/);
  });

  it('without FERRY_IMS_* configuration: names the missing variables, asks nothing', async () => {
    const result = kept(await runFerry([...api(), 'login'], { FERRY_KEYCHAIN_SERVICE: SERVICE, FERRY_STATE_DIR: state, FERRY_IMS_CLIENT_ID: '', FERRY_IMS_REDIRECT_URI: '' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not configured: set FERRY_IMS_CLIENT_ID and FERRY_IMS_REDIRECT_URI/);
    expect(result.stderr).not.toMatch(/authorize/);
  });

  it('with no OS keychain: says to use FRAMEIO_TOKEN before any sign-in, and writes no file', async () => {
    const result = kept(await runFerry([...api(), 'login'], { ...env(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ferry-no-bus' }));
    expect(result.code).toBe(1);
    expect(errorLine(result)).toMatch(/^ferry: There is no OS keychain here to keep a sign-in in \(.+\)\. Ferry never writes a sign-in to a file: on a server without a keychain, pass a token with FRAMEIO_TOKEN/);
    expect(result.stderr).not.toMatch(/authorize/);
    expect(await filesHolding(state, ['adobe', 'accessToken'])).toEqual([]);
  });

  it('Deny, a wrong state or nothing pasted: one clear line, nothing kept', async () => {
    const denied = await login('Deny');
    expect(denied.code).toBe(1);
    expect(errorLine(denied)).toBe('ferry: Not signed in: The sign-in was cancelled on the Adobe page: nothing was changed.');

    const forged = await login('Allow', (r) => r.replace(/state=[^&]+/, 'state=someone-elses-state'));
    expect(forged.code).toBe(1);
    expect(errorLine(forged)).toMatch(/^ferry: Not signed in: That sign-in was not started here, or has been replaced by a newer one \(its state does not match\)/);

    const run = startFerry([...api(), 'login'], env());
    await run.authorizeUrl();
    run.paste('');
    const empty = kept(await run.done);
    expect(empty.code).toBe(1);
    expect(errorLine(empty)).toBe('ferry: Not signed in: nothing was pasted.');
    expect(await keychain.get(fx.sandbox.apiV4Url)).toBeNull();
  });

  let first: { redirect: string; credential: AdobeCredential };

  it('Allow, then the redirect pasted on stdin: one keychain entry, and who signed in', async () => {
    const result = await login('Allow');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Paste the address your browser was sent to \(it starts with adobe\+ferrysandbox:\/\/…\)/);
    expect(result.stdout).toMatch(/^Signed in with Adobe as Demo User <.+> on http:\/\/127\.0\.0\.1:\d+\/v4\.\n/);
    expect(result.stdout).toMatch(/The access token expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in 30 s\); Ferry renews it by itself\./);
    const credential = await stored();
    expect(credential).toMatchObject({ kind: 'adobe', imsUrl: proxy.url, clientId: fx.sandbox.imsClientId });
    expect(credential?.refreshToken).toBeTruthy();
    expect(proxy.secrets.has(credential?.accessToken as string)).toBe(true);
    first = { redirect: result.redirect, credential: credential as AdobeCredential };
  });

  it('a code used already (pasted again into a new sign-in): refused clearly, the kept sign-in untouched', async () => {
    const code = new URL(first.redirect).searchParams.get('code') as string;
    const run = startFerry([...api(), 'login'], env());
    await run.authorizeUrl();
    run.paste(code);
    const reused = kept(await run.done);
    expect(reused.code).toBe(1);
    expect(errorLine(reused)).toMatch(/^ferry: Not signed in: Adobe refused the sign-in \(invalid_grant/);
    expect(await stored()).toEqual(first.credential);
  });

  it('whoami says who and how: Adobe, when the token expires, that it renews itself', async () => {
    const text = await ferry(['whoami']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Demo User </);
    expect(text.stdout).toMatch(/Signed in with Adobe \(kept in the OS keychain\)\. The access token expires .+ UTC \(in \d+ s\); Ferry renews it by itself\./);
    const json = await ferry(['--json', 'whoami']);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'Demo User', auth: { method: 'adobe', renews: true } });
    const token = await runFerry([...api(), 'whoami'], { ...env(), FRAMEIO_TOKEN: fx.sandbox.token });
    expect(token.stdout).toMatch(/Signed in with a token from FRAMEIO_TOKEN/); // a token given wins over the keychain
  });

  it('upload with the stored sign-in: the access token dies mid-upload, is refreshed, the rotated refresh token kept; every part once, bytes equal', async () => {
    const sb = fx.sandbox;
    const before = (await stored()) as AdobeCredential;
    const big = await makeFile(path.join(fx.work, 'big', 'A002_C003.mov'), 12 * MiB + 5);
    const report = path.join(state, 'report.json');
    const run = await whileUploading(
      5,
      3,
      () => startFerry([...api(), '--json', 'upload', big, '--to', sb.rootFolderId, '--concurrency', '2', '--report', report], env()),
      () => sb.expireAccessTokens(), // the stored access token is dead from here on: the completion needs a new one
    );
    const result = kept(await run.done);
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.completed).toBe(1);
    const assetId = summary.files[0]?.asset_id as string;
    const puts = Object.values(sb.stats().partPuts[assetId] ?? {});
    expect(puts).toHaveLength(13);
    expect(puts.every((n) => n === 1)).toBe(true);
    const v2 = new V2Client({ baseUrl: sb.apiUrl, token: sb.token });
    expect(await sha256Url((await v2.getAsset(assetId)).originalUrl as string)).toBe(await sha256File(big));
    printed.push(await readFile(report, 'utf8'));
    const after = (await stored()) as AdobeCredential;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated, and written back at once
    expect(after.expiresAt).toBeGreaterThan(before.expiresAt);
  });

  it('logout removes the entry and ends the sign-in at Adobe; a second logout has nothing to do', async () => {
    const credential = (await stored()) as AdobeCredential;
    const out = await ferry(['logout']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Signed out of http:\/\/127\.0\.0\.1:\d+\/v4: the Adobe sign-in is removed from the OS keychain, and the Adobe sign-in is ended \(its refresh token revoked\)\./);
    expect(await keychain.get(fx.sandbox.apiV4Url)).toBeNull();
    const config = { imsUrl: fx.sandbox.imsUrl, clientId: fx.sandbox.imsClientId, redirectUri: fx.sandbox.imsRedirectUri };
    await expect(refreshTokens(config, credential.refreshToken as string)).rejects.toBeInstanceOf(ImsError);
    const again = await ferry(['logout']);
    expect(again.stdout).toMatch(/No sign-in is kept for .+: nothing to do\./);
    const none = await ferry(['whoami']);
    expect(none.code).toBe(2);
    expect(errorLine(none)).toMatch(/Run `node bin\/ferry\.mjs --api http:\/\/127\.0\.0\.1:\d+\/v4 login` to sign in with Adobe/);
  });

  it('a revoked refresh token mid-upload, off a terminal: the file stays journaled, the report says login then resume; whoami says login; after a new login, resume finishes it', async () => {
    const sb = fx.sandbox;
    expect((await login('Allow')).code).toBe(0);
    const clip = await makeFile(path.join(fx.work, 'after-revoke', 'B001.mov'), 6 * MiB + 3);
    const run = await whileUploading(6, 2, () => startFerry([...api(), 'upload', clip, '--to', sb.rootFolderId, '--concurrency', '2'], env()), revokeSignIn);
    const upload = kept(await run.done);
    const command = `node bin/ferry.mjs --api ${sb.apiV4Url}`; // how ferry names itself, started as the checkout script
    expect(upload.code).toBe(1);
    expect(upload.stderr).toContain(
      `Your Adobe sign-in ended (Adobe refused the sign-in (invalid_grant: the refresh token was revoked)), so 1 file(s) wait, journaled: run \`${command} login\`, then \`${command} resume\`.`,
    );

    const who = await ferry(['whoami']);
    expect(who.code).toBe(1);
    expect(errorLine(who)).toBe(`ferry: Your Adobe sign-in has ended (Adobe refused the sign-in (invalid_grant: the refresh token was revoked)): run \`${command} login\` to sign in again.`);

    expect((await login('Allow')).code).toBe(0);
    const resumed = await ferry(['--json', 'resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = parseSummary(resumed);
    expect(summary.completed).toBe(1);
    const assetId = summary.files[0]?.asset_id as string;
    expect(Object.values(sb.stats().partPuts[assetId] ?? {}).every((n) => n === 1)).toBe(true); // nothing sent twice
    const v2 = new V2Client({ baseUrl: sb.apiUrl, token: sb.token });
    expect(await sha256Url((await v2.getAsset(assetId)).originalUrl as string)).toBe(await sha256File(clip));
  });

  it('on a terminal, a revoked refresh token mid-upload pauses the file and asks to sign in again; after the new sign-in it finishes, every part once', async () => {
    const sb = fx.sandbox;
    const previous = (await stored()) as AdobeCredential;
    expect((await login('Allow')).code).toBe(0);
    // The sign-in it replaced is ended at Adobe, not left alive with nobody holding it.
    const config = { imsUrl: sb.imsUrl, clientId: sb.imsClientId, redirectUri: sb.imsRedirectUri };
    await expect(refreshTokens(config, previous.refreshToken as string)).rejects.toBeInstanceOf(ImsError);
    const clip = await makeFile(path.join(fx.work, 'on-terminal', 'E001.mov'), 6 * MiB + 9);
    const term = await whileUploading(9, 2, () => onTerminal([...api(), 'upload', clip, '--to', sb.rootFolderId, '--concurrency', '2'], env()), revokeSignIn);
    await term.waitFor(/Your Adobe sign-in must be renewed \(Adobe refused the sign-in \(invalid_grant: the refresh token was revoked\)\)\. The uploads are paused meanwhile\./, 'the sign-in-again prompt');
    const [url] = await term.waitFor(/https?:\/\/\S+\/ims\/authorize\/v2\?\S+/, 'the sign-in address');
    const paused = partsStored();
    await term.waitFor(/or the code \(or press Enter to stop: the files stay for `ferry resume`\): /, 'the paste prompt');
    expect(partsStored()).toBe(paused); // nothing moves while the person signs in
    const redirect = (await answer(url, 'Allow')).headers.get('location') ?? '';
    term.type(redirect);
    expect(await term.done, term.screen.slice(-1500)).toBe(0);
    expect(term.screen).toMatch(/1 uploaded \(6\.3 MB\)/);
    printed.push(term.screen.split(redirect).join('')); // the terminal echoes the pasted address; Ferry itself prints no secret
    const assets = Object.entries(sb.stats().partPuts).filter(([, parts]) => Object.keys(parts).length === 7);
    expect(assets.length).toBeGreaterThan(0);
    for (const [, parts] of assets) expect(Object.values(parts).every((n) => n === 1)).toBe(true);
    expect((await stored())?.refreshToken).toBeTruthy(); // the new sign-in is kept
  });

  it('no token, refresh token or PKCE verifier in anything Ferry printed or wrote', async () => {
    expect(proxy.secrets.size).toBeGreaterThan(8);
    const leaks = [...proxy.secrets].filter((secret) => printed.some((text) => text.includes(secret)));
    expect(leaks.map((s) => `${s.slice(0, 6)}…`)).toEqual([]);
    expect(await filesHolding(state, proxy.secrets)).toEqual([]);
  });
});
