// Adobe sign-in's pieces by themselves: PKCE, the configuration, the authorize URL, the redirect check, the token
// endpoint (a local server that answers like IMS), the stored credential and the renewal.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { adobeRenewer } from '../../../../src/core/auth/adobe-renewal';
import type { ImsError} from '../../../../src/core/auth/ims-client';
import { authorizeUrl, codeFromRedirect, exchangeCode, refreshTokens } from '../../../../src/core/auth/ims-client';
import { ImsConfigError, imsConfigFrom } from '../../../../src/core/auth/ims-config';
import { newPkceAttempt } from '../../../../src/core/auth/pkce';
import { adobeCredential, parseStoredCredential, serializeCredential } from '../../../../src/core/auth/stored-credential';
import { Credentials } from '../../../../src/core/net/credentials';

const config = { imsUrl: 'http://127.0.0.1:1', clientId: 'ferry-test', redirectUri: 'adobe+abc123://callback' };

describe('PKCE', () => {
  it('makes a fresh verifier, its S256 challenge and a state for every attempt', () => {
    const a = newPkceAttempt();
    const b = newPkceAttempt();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(new Set([a.verifier, b.verifier, a.state, b.state]).size).toBe(4);
  });
});

describe('IMS configuration', () => {
  it('comes from the environment over the settings; no client id means no Adobe sign-in', () => {
    expect(imsConfigFrom({}, {})).toBeNull();
    expect(imsConfigFrom({ FERRY_IMS_CLIENT_ID: 'c1', FERRY_IMS_REDIRECT_URI: 'adobe+x://cb' }, { clientId: 'other', imsUrl: 'https://ims.example' })).toEqual({ imsUrl: 'https://ims.example', clientId: 'c1', redirectUri: 'adobe+x://cb' });
  });

  it('refuses a redirect on http(s) or a sign-in server on plain http away from this computer', () => {
    expect(() => imsConfigFrom({ FERRY_IMS_CLIENT_ID: 'c', FERRY_IMS_REDIRECT_URI: 'https://evil.example/cb' })).toThrow(ImsConfigError);
    expect(() => imsConfigFrom({ FERRY_IMS_CLIENT_ID: 'c', FERRY_IMS_REDIRECT_URI: 'adobe+x://cb', FERRY_IMS_URL: 'http://ims.example' })).toThrow(/https/);
    expect(() => imsConfigFrom({ FERRY_IMS_CLIENT_ID: 'c' })).toThrow(/redirect URI/);
  });
});

describe('authorize URL and redirect', () => {
  it('asks for a code with PKCE S256, the scopes and the attempt state', () => {
    const attempt = newPkceAttempt();
    const url = new URL(authorizeUrl(config, attempt));
    expect(url.pathname).toBe('/ims/authorize/v2');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'ferry-test', redirect_uri: 'adobe+abc123://callback', scope: 'openid offline_access profile email additional_info.roles',
      response_type: 'code', state: attempt.state, code_challenge: attempt.challenge, code_challenge_method: 'S256',
    });
    expect(url.toString()).not.toContain(attempt.verifier);
  });

  it('takes the code only from a redirect to our URI with our state; says what went wrong otherwise', () => {
    const attempt = { state: 'st-1' };
    expect(codeFromRedirect(config, attempt, 'adobe+abc123://callback?code=C0DE-12345&state=st-1')).toBe('C0DE-12345');
    expect(codeFromRedirect(config, attempt, '  C0DE-12345  ')).toBe('C0DE-12345'); // a pasted code alone
    const kind = (text: string) => (() => { try { codeFromRedirect(config, attempt, text); return 'ok'; } catch (e) { return (e as ImsError).kind; } })();
    expect(kind('adobe+abc123://callback?code=C&state=other')).toBe('mismatch');
    expect(kind('adobe+other://callback?code=C&state=st-1')).toBe('mismatch');
    expect(kind('adobe+abc123://elsewhere?code=C&state=st-1')).toBe('mismatch');
    expect(kind('adobe+abc123://callback?error=access_denied&state=st-1')).toBe('denied');
  });
});

describe('the token endpoint', () => {
  let server: http.Server | null = null;
  afterEach(async () => {
    const s = server;
    server = null;
    if (s) await new Promise((r) => s.close(r));
  });
  async function ims(answer: (form: URLSearchParams) => [number, unknown]) {
    const seen: URLSearchParams[] = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        seen.push(form);
        const [status, json] = answer(form);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    return { seen, config: { ...config, imsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } };
  }

  it('exchanges a code with the verifier and refreshes, form-encoded like Adobe', async () => {
    const { seen, config: c } = await ims((f) => (f.get('grant_type') === 'authorization_code' ? [200, { access_token: 'A1', refresh_token: 'R1', expires_in: 30, token_type: 'bearer' }] : [200, { access_token: 'A2', refresh_token: 'R2', expires_in: 30 }]));
    expect(await exchangeCode(c, 'C', 'V', () => 1_000)).toEqual({ accessToken: 'A1', refreshToken: 'R1', expiresAt: 31_000 });
    expect(Object.fromEntries(seen[0]!)).toEqual({ grant_type: 'authorization_code', client_id: 'ferry-test', code: 'C', code_verifier: 'V', redirect_uri: 'adobe+abc123://callback' });
    expect(await refreshTokens(c, 'R1', () => 0)).toMatchObject({ accessToken: 'A2', refreshToken: 'R2' });
    expect(Object.fromEntries(seen[1]!)).toEqual({ grant_type: 'refresh_token', client_id: 'ferry-test', refresh_token: 'R1' });
  });

  it('reports a refused grant as "rejected" without echoing a token', async () => {
    const { config: c } = await ims(() => [400, { error: 'invalid_grant', error_description: 'refresh token revoked' }]);
    const error = (await refreshTokens(c, 'SECRET-REFRESH').catch((e: unknown) => e)) as ImsError;
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(/invalid_grant: refresh token revoked/);
    expect(error.message).not.toContain('SECRET-REFRESH');
  });

  it('renews: refreshes, keeps the rotated refresh token at once; a refused refresh asks to sign in again', async () => {
    let refreshes = 0;
    const { config: c } = await ims((f) => (f.get('refresh_token') === 'R-dead' ? [400, { error: 'invalid_grant' }] : [200, { access_token: `A${++refreshes}`, refresh_token: `R${refreshes}`, expires_in: 30 }]));
    const saved: string[] = [];
    const renew = adobeRenewer({
      config: c,
      credential: adobeCredential({ accessToken: 'A0', refreshToken: 'R0', expiresAt: 0 }, c),
      save: async (cred) => void saved.push(cred.refreshToken ?? ''),
      signInAgain: async () => adobeCredential({ accessToken: 'A-new', refreshToken: 'R-new', expiresAt: 99 }, c),
      now: () => 0,
    });
    expect(await renew()).toEqual({ token: 'A1', expiresAt: 30_000 });
    expect(saved).toEqual(['R1']);
    const dead = adobeRenewer({ config: c, credential: adobeCredential({ accessToken: 'A', refreshToken: 'R-dead', expiresAt: 0 }, c), save: async () => {}, signInAgain: async () => null });
    expect(await dead()).toBeNull();
  });
});

describe('stored credential', () => {
  it('is one keychain entry: a pasted token as it was, an Adobe sign-in as JSON', () => {
    expect(parseStoredCredential('fio-u-abc')).toEqual({ kind: 'token', token: 'fio-u-abc' });
    const adobe = adobeCredential({ accessToken: 'A', refreshToken: 'R', expiresAt: 5 }, config);
    expect(parseStoredCredential(serializeCredential(adobe))).toEqual(adobe);
    expect(parseStoredCredential('{"kind":"adobe"}')).toBeNull();
  });
});

describe('Credentials', () => {
  it('renews a token about to expire (within a minute, or a quarter of its life) before it is used, once for everyone', async () => {
    let t = 0;
    let asks = 0;
    const credentials = new Credentials('old', () => t);
    credentials.setToken('old', 100_000);
    credentials.setRenewer(async () => ({ token: `new-${++asks}`, expiresAt: t + 86_400_000 }));
    expect(await credentials.fresh()).toBe('old');
    t = 50_000; // 50 s left of a 100 s token: more than a quarter of its life
    expect(await credentials.fresh()).toBe('old');
    t = 80_000; // within a quarter of its life (and within a minute) of the expiry
    expect(await Promise.all([credentials.fresh(), credentials.fresh()])).toEqual(['new-1', 'new-1']);
    expect(credentials.expiry).toBe(80_000 + 86_400_000);
  });
});
