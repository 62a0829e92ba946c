// `ferry --sandbox login`: the in-process sandbox's own sign-in server, the sign-in kept in the real keychain under
// an entry named after the sandbox's data folder, so the next `--sandbox` command (another process, maybe another
// port) uses it; `ferry sandbox --ims-token-lifetime 30s` issues 30-second access tokens.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxKeychainKey } from '../../../src/cli/keychain-access';
import { authorizeUrl, codeFromRedirect, exchangeCode } from '../../../src/core/auth/ims-client';
import { createKeychainTokenStore, KEYCHAIN_SERVICE } from '../../../src/core/auth/keychain';
import { newPkceAttempt } from '../../../src/core/auth/pkce';
import { parseStoredCredential } from '../../../src/core/auth/stored-credential';
import { FERRY_BIN, runFerry } from '../../support/cli';
import { answer } from '../../support/sign-in-page';
import { waitFor } from '../../support/wait';
import { loginWith } from './sign-in-support';

const SERVICE = `${KEYCHAIN_SERVICE}.cli-sandbox-test-${randomBytes(4).toString('hex')}`;
const keychain = createKeychainTokenStore({ service: SERVICE });
let home: string;
const env = () => ({ FERRY_KEYCHAIN_SERVICE: SERVICE, FERRY_STATE_DIR: path.join(home, 'state'), XDG_DATA_HOME: path.join(home, 'data') });
const sandboxDir = () => path.join(home, 'data', 'ferry', 'sandbox');

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'ferry-sandbox-login-'));
});
afterAll(async () => {
  if (home) {
    await keychain.delete(sandboxKeychainKey(sandboxDir())).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  }
});

describe('ferry --sandbox login', () => {
  it('signs in on the sandbox page, is kept for the next --sandbox command, which says so; logout removes it', async () => {
    const result = await loginWith(['--sandbox'], env(), 'Allow');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Signed in with Adobe as Demo User <demo@ferry.invalid> on the local sandbox (${sandboxDir()}).`);
    const kept = parseStoredCredential((await keychain.get(sandboxKeychainKey(sandboxDir()))) ?? '');
    expect(kept?.kind).toBe('adobe');

    const who = await runFerry(['--sandbox', 'whoami'], env());
    expect(who.code, who.stderr).toBe(0);
    expect(who.stderr).toMatch(/Using the local sandbox at http:\/\/127\.0\.0\.1:\d+\/v4, signed in with Adobe/);
    expect(who.stdout).toMatch(/Signed in with Adobe \(kept in the OS keychain\)\. The access token expires .+; Ferry renews it by itself\./);

    const out = await runFerry(['--sandbox', 'logout'], env());
    expect(out.stdout).toMatch(/^Signed out of the local sandbox .+: the Adobe sign-in is removed from the OS keychain, and the Adobe sign-in is ended/);
    expect(await keychain.get(sandboxKeychainKey(sandboxDir()))).toBeNull();
    const demo = await runFerry(['--sandbox', 'whoami'], env());
    expect(demo.stdout).toMatch(/Signed in with the sandbox's demo token\./);
  });
});

describe('ferry sandbox --ims-token-lifetime', () => {
  it('issues access tokens that live that long', async () => {
    const child = spawn(process.execPath, [FERRY_BIN, '--json', 'sandbox', '--data', path.join(home, 'long-running'), '--ims-token-lifetime', '30s'], {
      env: { ...process.env, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      await waitFor(() => stdout.includes('\n') || child.exitCode !== null, 'the sandbox ready line', 60_000);
      const ready = JSON.parse(stdout.split('\n')[0] ?? '') as { ims: string; client_id: string; redirect_uri: string };
      const config = { imsUrl: ready.ims, clientId: ready.client_id, redirectUri: ready.redirect_uri };
      const attempt = newPkceAttempt();
      const allowed = await answer(authorizeUrl(config, attempt), 'Allow');
      const before = Date.now();
      const tokens = await exchangeCode(config, codeFromRedirect(config, attempt, allowed.headers.get('location') ?? ''), attempt.verifier);
      expect(tokens.expiresAt - before).toBeGreaterThan(25_000);
      expect(tokens.expiresAt - before).toBeLessThanOrEqual(31_000);
      const bad = await runFerry(['sandbox', '--ims-token-lifetime', 'soon'], env());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--ims-token-lifetime: expected a duration of at least 1 s such as 30s, 5m or 24h, got "soon"/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
