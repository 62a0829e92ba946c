// The sandbox's token endpoint (/ims/token/v3) and what the API makes of its tokens: PKCE, single-use codes bound to
// client and redirect URI, access tokens that expire (time moved by the sandbox's injectable clock, never slept),
// rotating refresh tokens whose reuse revokes the sign-in, revocation, and persistence across a restart.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { startHarness, type Harness } from './helpers.js';
import { me, refresh, signIn, signInCode, tokenCall, type TokenBody } from './ims-support.js';

let now = Date.now();
const clock = (): number => now;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ims: { accessTokenLifetimeS: 2, refreshTokenLifetimeS: 60 } }, { now: clock });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  now = Date.now();
});

const exchange = (code: string, verifier: string, extra: Record<string, string> = {}): ReturnType<typeof tokenCall> =>
  tokenCall(h.sb, { grant_type: 'authorization_code', client_id: h.sb.imsClientId, code, code_verifier: verifier, redirect_uri: h.sb.imsRedirectUri, ...extra });

const decode = (jwt: string | undefined): Record<string, unknown> => JSON.parse(Buffer.from((jwt ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('the code exchange', () => {
  it("answers like Adobe's token/v3, and the access token works on V4 and V2", async () => {
    const { code, verifier } = await signInCode(h.sb);
    const t = await exchange(code, verifier);
    expect(t.status).toBe(200);
    expect(t.headers.get('cache-control')).toBe('no-store');
    expect(t.headers.get('content-type')).toMatch(/^application\/json/);
    expect(t.body).toMatchObject({ token_type: 'bearer', expires_in: 2 });
    expect(Object.keys(t.body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    // Adobe's access tokens are JWTs whose created_at/expires_in are milliseconds; the sandbox's too.
    expect(decode(t.body.access_token)).toMatchObject({ type: 'access_token', client_id: 'ferry-sandbox', expires_in: '2000' });
    expect(decode(t.body.id_token)).toMatchObject({ aud: 'ferry-sandbox', name: 'Demo User', email: 'demo@ferry.invalid' });
    const v4 = await me(h.sb.apiV4Url, t.body.access_token ?? '');
    expect(v4.status).toBe(200);
    expect((v4.body as { data: { name: string } }).data.name).toBe('Demo User');
    expect((await me(h.sb.apiUrl, t.body.access_token ?? '')).status).toBe(200);
  });

  it('refuses a wrong verifier (invalid_grant) and still takes the right one after it', async () => {
    const { code, verifier } = await signInCode(h.sb);
    const wrong = await exchange(code, `${verifier}x`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/code_verifier/) as unknown });
    expect(wrong.body.access_token).toBeUndefined();
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('a code works once', async () => {
    const { code, verifier } = await signInCode(h.sb);
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', error_description: 'the authorization code was already used' });
  });

  it('a code guessed at too often is gone', async () => {
    const { code, verifier } = await signInCode(h.sb);
    for (let i = 0; i < 5; i++) expect((await exchange(code, `${verifier}${i}`)).status).toBe(400);
    expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
  });

  it('is bound to the client and the redirect URI', async () => {
    const { code, verifier } = await signInCode(h.sb);
    const otherClient = await exchange(code, verifier, { client_id: 'someone-else' });
    expect(otherClient.status).toBe(401);
    expect(otherClient.body.error).toBe('invalid_client');
    const otherRedirect = await exchange(code, verifier, { redirect_uri: 'adobe+ferrysandbox://elsewhere' });
    expect(otherRedirect).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Authorize had a redirect_uri, so the exchange must repeat it.
    const without = await tokenCall(h.sb, { grant_type: 'authorization_code', client_id: h.sb.imsClientId, code, code_verifier: verifier });
    expect(without.body.error).toBe('invalid_grant');
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('a code lives 10 minutes', async () => {
    const { code, verifier } = await signInCode(h.sb);
    now += 10 * 60_000 + 1;
    const late = await exchange(code, verifier);
    expect(late.body).toMatchObject({ error: 'invalid_grant', error_description: 'the authorization code expired' });
  });

  it.each([
    [{ grant_type: 'password' }, 400, 'unsupported_grant_type'],
    [{ grant_type: undefined }, 400, 'invalid_request'],
    [{ client_id: undefined }, 400, 'invalid_request'],
    [{ code: undefined }, 400, 'invalid_request'],
    [{ code_verifier: undefined }, 400, 'invalid_request'],
    [{ code: 'not-a-code' }, 400, 'invalid_grant'],
  ])('%o → %i %s', async (change, status, error) => {
    const form: Record<string, string | undefined> = { grant_type: 'authorization_code', client_id: h.sb.imsClientId, code: 'c', code_verifier: 'v'.repeat(43), ...change };
    const t = await tokenCall(h.sb, Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined)));
    expect(t.status).toBe(status);
    expect(t.body.error).toBe(error);
  });

  it('takes only a form body', async () => {
    const res = await fetch(`${h.sb.imsUrl}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    expect((await fetch(`${h.sb.imsUrl}/ims/token/v3`)).status).toBe(405);
  });

  it('gives no refresh token without offline_access, and no id_token without openid', async () => {
    const t = await signIn(h.sb, { scope: 'openid profile' });
    expect(t.refresh_token).toBeUndefined();
    expect(t.id_token).toBeTruthy();
    const bare = await signIn(h.sb, { scope: 'offline_access' });
    expect(bare.id_token).toBeUndefined();
    expect(bare.refresh_token).toBeTruthy();
  });
});

describe('access tokens', () => {
  it('expire after their lifetime (2 s here): 401 on /v4/me with a V4 error body', async () => {
    const t = await signIn(h.sb);
    now += 1999;
    expect((await me(h.sb.apiV4Url, t.access_token ?? '')).status).toBe(200);
    now += 1;
    const late = await me(h.sb.apiV4Url, t.access_token ?? '');
    expect(late.status).toBe(401);
    expect(late.body).toEqual({ errors: [{ detail: 'the access token expired', title: 'Unauthorized' }] });
    expect((await me(h.sb.apiUrl, t.access_token ?? '')).status).toBe(401);
  });

  it('a forged or altered token is just invalid', async () => {
    const t = await signIn(h.sb);
    const [head, body, sig] = (t.access_token ?? '').split('.');
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as Record<string, unknown>;
    const longer = Buffer.from(JSON.stringify({ ...claims, expires_in: '999999999999' })).toString('base64url');
    const res = await me(h.sb.apiV4Url, `${head}.${longer}.${sig}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [{ detail: 'missing or invalid bearer token', title: 'Unauthorized' }] });
  });

  it('expireAccessTokens() ends every one issued so far; a refresh gives a working one', async () => {
    const t = await signIn(h.sb);
    h.sb.expireAccessTokens();
    expect((await me(h.sb.apiV4Url, t.access_token ?? '')).status).toBe(401);
    const r = await refresh(h.sb, t.refresh_token ?? '');
    expect(r.status).toBe(200);
    expect((await me(h.sb.apiV4Url, r.body.access_token ?? '')).status).toBe(200);
  });

  it('the demo token and the legacy token work as before', async () => {
    expect((await me(h.sb.apiV4Url, h.sb.token)).status).toBe(200);
    const legacy = await fetch(`${h.sb.apiV4Url}/me`, { headers: { authorization: `Bearer ${h.sb.legacyToken}`, 'x-frameio-legacy-token-auth': 'true' } });
    expect(legacy.status).toBe(200);
    expect((await me(h.sb.apiV4Url, h.sb.legacyToken)).status).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh answers a new refresh token and a new access token', async () => {
    const t = await signIn(h.sb);
    now += 5000; // the first access token is long expired
    const r1 = await refresh(h.sb, t.refresh_token ?? '');
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ token_type: 'bearer', expires_in: 2 });
    expect(r1.body.refresh_token).toBeTruthy();
    expect(r1.body.refresh_token).not.toBe(t.refresh_token);
    expect(r1.body.access_token).not.toBe(t.access_token);
    expect((await me(h.sb.apiV4Url, r1.body.access_token ?? '')).status).toBe(200);
    const r2 = await refresh(h.sb, r1.body.refresh_token ?? '');
    expect(r2.status).toBe(200);
  });

  it('reusing a retired one revokes the whole sign-in: every refresh and access token of it', async () => {
    const t = await signIn(h.sb);
    const r1 = await refresh(h.sb, t.refresh_token ?? '');
    const reuse = await refresh(h.sb, t.refresh_token ?? '');
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/already used/) as unknown });
    const next = await refresh(h.sb, r1.body.refresh_token ?? '');
    expect(next.body).toMatchObject({ error: 'invalid_grant', error_description: 'the refresh token was revoked' });
    const access = await me(h.sb.apiV4Url, r1.body.access_token ?? '');
    expect(access.status).toBe(401);
    expect(access.body).toEqual({ errors: [{ detail: 'the access token was revoked', title: 'Unauthorized' }] });
    // Another sign-in is untouched.
    const other = await signIn(h.sb);
    expect((await refresh(h.sb, other.refresh_token ?? '')).status).toBe(200);
  });

  it('revokeRefreshTokens() makes the next refresh invalid_grant; access tokens live on until they expire', async () => {
    const a = await signIn(h.sb);
    const b = await signIn(h.sb);
    expect(h.sb.revokeRefreshTokens()).toBeGreaterThanOrEqual(2);
    for (const t of [a, b]) {
      const r = await refresh(h.sb, t.refresh_token ?? '');
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: 'invalid_grant', error_description: 'the refresh token was revoked' });
    }
    expect((await me(h.sb.apiV4Url, a.access_token ?? '')).status).toBe(200);
    // Signing in again works.
    const again = await signIn(h.sb);
    expect((await refresh(h.sb, again.refresh_token ?? '')).status).toBe(200);
  });

  it('are bound to the client and expire after their lifetime (60 s here)', async () => {
    const t = await signIn(h.sb);
    const other = await tokenCall(h.sb, { grant_type: 'refresh_token', client_id: 'someone-else', refresh_token: t.refresh_token ?? '' });
    expect(other).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await refresh(h.sb, 'made-up')).body).toMatchObject({ error: 'invalid_grant' });
    now += 60_000;
    expect((await refresh(h.sb, t.refresh_token ?? '')).body).toMatchObject({ error: 'invalid_grant', error_description: 'unknown or expired refresh token' });
  });

  it('may narrow the scope, never widen it', async () => {
    const t = await signIn(h.sb, { scope: 'openid offline_access' });
    const wider = await tokenCall(h.sb, { grant_type: 'refresh_token', client_id: h.sb.imsClientId, refresh_token: t.refresh_token ?? '', scope: 'openid offline_access email' });
    expect(wider.body.error).toBe('invalid_grant');
    const same = await tokenCall(h.sb, { grant_type: 'refresh_token', client_id: h.sb.imsClientId, refresh_token: t.refresh_token ?? '', scope: 'openid,offline_access' });
    expect(same.status).toBe(200);
  });

  it('/ims/revoke ends a sign-in (RFC 7009: 200 whether the token was known or not)', async () => {
    const t = await signIn(h.sb);
    const revoke = (token: string) =>
      fetch(`${h.sb.imsUrl}/ims/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: h.sb.imsClientId, token }).toString() });
    expect((await revoke(t.refresh_token ?? '')).status).toBe(200);
    expect((await me(h.sb.apiV4Url, t.access_token ?? '')).status).toBe(401);
    expect((await refresh(h.sb, t.refresh_token ?? '')).body.error).toBe('invalid_grant');
    expect((await revoke('unknown')).status).toBe(200);
  });
});

describe('across a restart', () => {
  it('refresh tokens survive, stored hashed; the access token still works', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ferry-sb-ims-'));
    try {
      const first = await startHarness({ dataDir });
      let t: TokenBody;
      try {
        t = await signIn(first.sb);
      } finally {
        await first.close();
      }
      const state = await readFile(join(dataDir, 'state.json'), 'utf8');
      expect(state).not.toContain(t.refresh_token ?? '-');
      expect(state).not.toContain(t.access_token ?? '-');
      const second = await startHarness({ dataDir });
      try {
        expect((await me(second.sb.apiV4Url, t.access_token ?? '')).status).toBe(200);
        const r = await refresh(second.sb, t.refresh_token ?? '');
        expect(r.status).toBe(200);
        expect((await me(second.sb.apiV4Url, r.body.access_token ?? '')).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('client id, redirect URI and lifetimes are options; bad ones stop the start', async () => {
    const custom = await startHarness({ ims: { clientId: 'my-app', redirectUri: 'adobe+abc123://done', accessTokenLifetimeS: 30 } });
    try {
      expect([custom.sb.imsClientId, custom.sb.imsRedirectUri]).toEqual(['my-app', 'adobe+abc123://done']);
      const t = await signIn(custom.sb);
      expect(t.expires_in).toBe(30);
    } finally {
      await custom.close();
    }
    // Checked before anything is created (no data folder is made for a start that fails).
    await expect(startSandbox({ ims: { accessTokenLifetimeS: 0 } })).rejects.toThrow(/accessTokenLifetimeS/);
    await expect(startSandbox({ ims: { refreshTokenLifetimeS: 1.5 } })).rejects.toThrow(/refreshTokenLifetimeS/);
    await expect(startSandbox({ ims: { redirectUri: 'not a uri' } })).rejects.toThrow(/redirectUri/);
    await expect(startSandbox({ ims: { redirectUri: 'adobe+x://cb#frag' } })).rejects.toThrow(/redirectUri/);
    await expect(startSandbox({ ims: { clientId: 'has space' } })).rejects.toThrow(/clientId/);
  });
});
