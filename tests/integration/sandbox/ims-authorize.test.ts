// The sandbox's sign-in page (/ims/authorize/v2), driven as a browser without JavaScript: the form, Allow and Deny,
// the checks that must never redirect (unknown client, unregistered redirect URI), and the OAuth errors that do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';
import { answer, authorizeUrl, forms, get, pkce, press, redirectOf, signIn, tokenCall } from './ims-support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('the authorize page', () => {
  it('is a plain HTML form, no script, that signs in as the demo user', async () => {
    expect(h.sb.imsUrl).toBe(h.sb.apiUrl.replace(/\/v2$/, ''));
    expect([h.sb.imsClientId, h.sb.imsRedirectUri]).toEqual(['ferry-sandbox', 'adobe+ferrysandbox://callback']);
    const url = authorizeUrl(h.sb, pkce(), 'abc');
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    // The form posts here, then redirects to the app's scheme: both must be allowed form targets.
    expect(csp).toContain("form-action 'self' adobe+ferrysandbox:");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Sign in to the Ferry sandbox as Demo User');
    expect(html).not.toMatch(/<script|\son\w+=|javascript:/i);
    const [form, other] = forms(html);
    expect(other).toBeUndefined();
    expect(form?.method).toBe('post');
    expect(form?.buttons.map((b) => b.label)).toEqual(['Allow', 'Deny']);
    // One hidden one-time token, bound to this request; nothing of the request (state, challenge) rides in the form.
    expect(form?.fields.map(([name]) => name)).toEqual(['request']);
    expect(form?.fields[0]?.[1]).toMatch(/^[\w-]{40,}$/);
  });

  it('Allow answers 302 to redirect_uri with a code and the state, as sent', async () => {
    const state = 'a b&c=d/é';
    const res = await answer(authorizeUrl(h.sb, pkce(), state), 'Allow');
    expect(res.status).toBe(302);
    const { location, params } = redirectOf(res);
    expect(location.startsWith('adobe+ferrysandbox://callback?')).toBe(true);
    expect(params.state).toBe(state);
    expect(params.code).toMatch(/^[\w-]{40,}$/);
    expect(params.error).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('Deny answers 302 to redirect_uri with error=access_denied and the state', async () => {
    const res = await answer(authorizeUrl(h.sb, pkce(), 'deny-me'), 'Deny');
    expect(res.status).toBe(302);
    const { params } = redirectOf(res);
    expect(params).toMatchObject({ error: 'access_denied', state: 'deny-me' });
    expect(params.code).toBeUndefined();
  });

  it('only echoes state: none sent, none back; any value goes back verbatim (the client checks it, not the server)', async () => {
    const none = redirectOf(await answer(authorizeUrl(h.sb, pkce(), 'x', { state: undefined }), 'Allow')).params;
    expect(none.state).toBeUndefined();
    expect(none.code).toBeTruthy();
    // Two pages open at once: each redirect carries its own state, whatever order they are answered in.
    const [p1, p2] = [pkce(), pkce()];
    const page1 = forms(await (await get(authorizeUrl(h.sb, p1, 'first'))).text())[0];
    const page2 = forms(await (await get(authorizeUrl(h.sb, p2, 'second'))).text())[0];
    if (!page1 || !page2) throw new Error('no form');
    expect(redirectOf(await press(h.sb.imsUrl, page2, 'Allow')).params.state).toBe('second');
    expect(redirectOf(await press(h.sb.imsUrl, page1, 'Allow')).params.state).toBe('first');
  });

  it('a redirect URI left out defaults to the registered one', async () => {
    const p = pkce();
    const res = await answer(authorizeUrl(h.sb, p, 's', { redirect_uri: undefined }), 'Allow');
    const { location, params } = redirectOf(res);
    expect(location.startsWith(`${h.sb.imsRedirectUri}?`)).toBe(true);
    // …and the token request may then leave it out too.
    const t = await tokenCall(h.sb, { grant_type: 'authorization_code', client_id: h.sb.imsClientId, code: params.code ?? '', code_verifier: p.verifier });
    expect(t.status).toBe(200);
  });
});

describe('requests that must not redirect', () => {
  it.each([
    ['an unknown client_id', { client_id: 'someone-else' }, /No application &#34;someone-else&#34; is registered/],
    ['no client_id', { client_id: undefined }, /client_id is missing/],
    ['another redirect_uri', { redirect_uri: 'https://evil.example/cb' }, /not the one registered/],
    ['a redirect_uri that only starts like the registered one', { redirect_uri: 'adobe+ferrysandbox://callback.evil.example' }, /not the one registered/],
    ['a parameter given twice', {}, /given more than once/],
  ])('%s: an error page, no Location', async (what, params, message) => {
    let url = authorizeUrl(h.sb, pkce(), 's', params);
    if (what === 'a parameter given twice') url += '&redirect_uri=https%3A%2F%2Fevil.example%2Fcb';
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toMatch(message);
    expect(forms(html)).toEqual([]);
    expect(html).not.toContain('evil.example/cb"');
  });
});

describe('errors that go back to the registered redirect URI (with the state)', () => {
  it.each([
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ response_type: undefined }, 'invalid_request'],
    [{ code_challenge: undefined }, 'invalid_request'],
    [{ code_challenge_method: 'plain' }, 'invalid_request'],
    [{ code_challenge_method: undefined }, 'invalid_request'],
    [{ code_challenge: 'too-short' }, 'invalid_request'],
    [{ scope: 'openid write_everything' }, 'invalid_scope'],
    [{ scope: undefined }, 'invalid_scope'],
  ])('%o → %s', async (params, error) => {
    const res = await get(authorizeUrl(h.sb, pkce(), 'st8', params));
    expect(res.status).toBe(302);
    const { location, params: q } = redirectOf(res);
    expect(location.startsWith(`${h.sb.imsRedirectUri}?`)).toBe(true);
    expect(q).toMatchObject({ error, state: 'st8' });
    expect(q.error_description).toBeTruthy();
    expect(q.code).toBeUndefined();
  });

  it("takes Adobe's comma-separated scopes too", async () => {
    const t = await signIn(h.sb, { scope: 'openid,AdobeID,offline_access' });
    expect(t.refresh_token).toBeTruthy();
  });
});

describe('the form answer', () => {
  it('is one-time: the same form pressed twice gets an error page the second time', async () => {
    const url = authorizeUrl(h.sb, pkce(), 'once');
    const form = forms(await (await get(url)).text())[0];
    if (!form) throw new Error('no form');
    expect((await press(url, form, 'Allow')).status).toBe(302);
    const again = await press(url, form, 'Allow');
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
    expect(await again.text()).toMatch(/expired or was already answered/);
    // Deny after Allow is refused the same way.
    expect((await press(url, form, 'Deny')).status).toBe(400);
  });

  it('without the page\'s token, or with a made-up one, there is no redirect', async () => {
    const url = authorizeUrl(h.sb, pkce(), 's');
    const made = { action: '/ims/authorize/v2', method: 'post', fields: [['request', 'made-up']] as [string, string][], buttons: [{ name: 'decision', value: 'allow', label: 'Allow' }] };
    const res = await press(url, made, 'Allow');
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect((await press(url, { ...made, fields: [] }, 'Allow')).status).toBe(400);
  });

  it('a form posted from another site is refused, and the page stays answerable', async () => {
    const url = authorizeUrl(h.sb, pkce(), 's');
    const form = forms(await (await get(url)).text())[0];
    if (!form) throw new Error('no form');
    const cross = await press(url, form, 'Allow', { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('location')).toBeNull();
    const same = await press(url, form, 'Allow', { origin: h.sb.imsUrl });
    expect(same.status).toBe(302);
  });

  it('a button other than Allow or Deny changes nothing', async () => {
    const url = authorizeUrl(h.sb, pkce(), 's');
    const form = forms(await (await get(url)).text())[0];
    if (!form) throw new Error('no form');
    const odd = await press(url, { ...form, buttons: [{ name: 'decision', value: 'maybe', label: 'Maybe' }] }, 'Maybe');
    expect(odd.status).toBe(400);
    expect((await press(url, form, 'Allow')).status).toBe(302);
  });
});
