// The sign-in server's parts on their own: configuration, the signed tokens, pending sign-ins and codes (on a clock
// the test moves), the page's CSP, pruning, and state from before the sign-in server.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScopes, redirectSource, resolveImsConfig } from '../../../src/sandbox/ims/config.js';
import { ImsError } from '../../../src/sandbox/ims/http.js';
import { signJwt, verifyJwt } from '../../../src/sandbox/ims/jwt.js';
import { consentBody, escapeHtml, sendPage } from '../../../src/sandbox/ims/page.js';
import { SignIns, type AuthorizeRequest } from '../../../src/sandbox/ims/requests.js';
import { newImsState, pruneIms } from '../../../src/sandbox/ims/state.js';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';

describe('configuration', () => {
  it('has defaults that match the outside check, and refuses what cannot work', () => {
    expect(resolveImsConfig()).toEqual({ clientId: 'ferry-sandbox', redirectUri: 'adobe+ferrysandbox://callback', accessTokenLifetimeS: 86_400, refreshTokenLifetimeS: 1_209_600 });
    expect(() => resolveImsConfig({ clientId: '' })).toThrow(/clientId/);
    expect(() => resolveImsConfig({ redirectUri: 'javascript:alert(1)' })).toThrow(/redirectUri/);
    expect(() => resolveImsConfig({ redirectUri: 'callback' })).toThrow(/redirectUri/);
    expect(() => resolveImsConfig({ accessTokenLifetimeS: -1 })).toThrow(/accessTokenLifetimeS/);
    expect(resolveImsConfig({ redirectUri: 'http://127.0.0.1:9999/cb?x=1' }).redirectUri).toBe('http://127.0.0.1:9999/cb?x=1');
  });

  it('reads scopes separated by spaces or commas, once each', () => {
    expect(parseScopes('openid,AdobeID  offline_access, openid')).toEqual(['openid', 'AdobeID', 'offline_access']);
    expect(parseScopes('')).toEqual([]);
  });

  it("names the redirect's origin or scheme for the page's form-action", () => {
    expect(redirectSource('adobe+ferrysandbox://callback')).toBe('adobe+ferrysandbox:');
    expect(redirectSource('http://127.0.0.1:9999/cb')).toBe('http://127.0.0.1:9999');
  });
});

describe('signed tokens', () => {
  it('verify with their key only, and not once altered', () => {
    const token = signJwt('k1', { type: 'access_token', n: 1 });
    expect(verifyJwt('k1', token)).toEqual({ type: 'access_token', n: 1 });
    expect(verifyJwt('k2', token)).toBeUndefined();
    const [h, p, s] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ type: 'access_token', n: 2 })).toString('base64url');
    expect(verifyJwt('k1', `${h}.${altered}.${s}`)).toBeUndefined();
    expect(verifyJwt('k1', `${h}.${p}`)).toBeUndefined();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt('k1', `${none}.${p}.`)).toBeUndefined();
  });
});

describe('pending sign-ins and codes', () => {
  const request: AuthorizeRequest = { clientId: 'c', redirectUri: undefined, scopes: ['openid'], state: 's', codeChallenge: 'x'.repeat(43) };
  let now = 1_000_000;
  const signIns = (): SignIns => new SignIns(() => now);

  it('a page token answers once, within 10 minutes', () => {
    const s = signIns();
    const a = s.open(request);
    expect(s.take(a)).toEqual(request);
    expect(s.take(a)).toBeUndefined();
    const b = s.open(request);
    now += 10 * 60_000;
    expect(s.take(b)).toBeUndefined();
    expect(s.take('made-up')).toBeUndefined();
  });

  it('a code is redeemed once; failed checks leave it usable up to five times', () => {
    const s = signIns();
    const code = s.issueCode(request, 'u1');
    const fail = () => {
      throw new ImsError(400, 'invalid_grant', 'no');
    };
    for (let i = 0; i < 4; i++) expect(() => s.redeem(code, fail)).toThrow('no');
    expect(s.redeem(code, () => undefined)).toMatchObject({ userId: 'u1', state: 's' });
    expect(() => s.redeem(code, () => undefined)).toThrow('the authorization code was already used');
    const guessed = s.issueCode(request, 'u1');
    for (let i = 0; i < 5; i++) expect(() => s.redeem(guessed, fail)).toThrow('no');
    expect(() => s.redeem(guessed, () => undefined)).toThrow('unknown or expired authorization code');
  });

  it('a code expires after 10 minutes', () => {
    const s = signIns();
    const code = s.issueCode(request, 'u1');
    now += 10 * 60_000;
    expect(() => s.redeem(code, () => undefined)).toThrow('the authorization code expired');
  });

  it('keeps at most 1000 pages open (the oldest go first)', () => {
    const s = signIns();
    const first = s.open(request);
    for (let i = 0; i < 1000; i++) s.open(request);
    expect(s.take(first)).toBeUndefined();
  });
});

describe('the page', () => {
  it("escapes what it shows, and its CSP allows exactly its own stylesheet", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    const body = consentBody({ userName: 'Demo <User>', clientId: 'c"id', scopes: ['openid', 'odd<scope>'], redirectUri: 'adobe+x://cb', formToken: 't"k', action: '/ims/authorize/v2' });
    expect(body).not.toMatch(/<User>|c"id|odd<scope>|t"k/);
    let headers: Record<string, string> = {};
    let html = '';
    const res = { writeHead: (_s: number, h: Record<string, string>) => (headers = h), end: (b: string) => (html = b) } as unknown as ServerResponse;
    sendPage(res, 200, 'T', body, ['adobe+x:']);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`);
    expect(headers['content-security-policy']).toContain("form-action 'self' adobe+x:");
    expect(html).not.toMatch(/<script/i);
  });
});

describe('persisted state', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('pruning drops expired refresh tokens and grants nothing can use any more', () => {
    const s = newImsState();
    s.grants.g1 = { id: 'g1', clientId: 'c', userId: 'u', scopes: [], createdAt: 0, accessUntil: 50, revokedAt: null };
    s.grants.g2 = { id: 'g2', clientId: 'c', userId: 'u', scopes: [], createdAt: 0, accessUntil: 50, revokedAt: null };
    s.grants.g3 = { id: 'g3', clientId: 'c', userId: 'u', scopes: [], createdAt: 0, accessUntil: 500, revokedAt: null };
    s.refreshTokens.h1 = { grantId: 'g1', issuedAt: 0, expiresAt: 90, usedAt: null, revokedAt: null };
    s.refreshTokens.h2 = { grantId: 'g2', issuedAt: 0, expiresAt: 200, usedAt: 10, revokedAt: null };
    pruneIms(s, 100);
    expect(Object.keys(s.refreshTokens)).toEqual(['h2']);
    expect(Object.keys(s.grants).sort()).toEqual(['g2', 'g3']);
  });

  it('state from before the sign-in server gets its own on load', () => {
    const { state } = seedState('fio-u-old');
    const old = structuredClone(state) as Partial<typeof state>;
    delete old.ims;
    dir = mkdtempSync(join(tmpdir(), 'ferry-sb-ims-upgrade-'));
    writeFileSync(join(dir, 'state.json'), JSON.stringify(old));
    const store = Store.load(dir);
    expect(store?.state.ims.secret).toMatch(/^[\w-]{43}$/);
    expect(store?.state.ims.grants).toEqual({});
    store?.close();
    expect(Store.load(dir)?.state.ims.secret).toBe(store?.state.ims.secret);
  });
});
