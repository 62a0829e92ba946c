// The browser host is a local door into a signed-in session: only the page it served, holding the per-run secret,
// on its own origin, may call the handlers — and every call goes through the same contract validation as IPC.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHost, HOST_CSP, startBrowserHost } from '../../../src/main/browser-host/browser-host';
import type { Handlers } from '../../../src/main/ipc/register-handlers';

let work: string;
let host: BrowserHost;
let cookie: string;
const calls: Array<{ channel: string; request: unknown }> = [];
const redirects: string[] = [];
const SETTINGS = { theme: 'dark', partsInFlight: 8, onConflict: 'skip', imsClientId: '', imsRedirectUri: '', imsUrl: '' };

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-host-'));
  await mkdir(path.join(work, 'renderer'));
  await writeFile(path.join(work, 'renderer', 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  await writeFile(path.join(work, 'renderer', 'app.js'), 'console.log(1)');
  await writeFile(path.join(work, 'bridge.js'), 'window.ferry = {}');
  await writeFile(path.join(work, 'secret.txt'), 'outside the renderer folder');
  const handlers = new Proxy({} as Handlers, {
    get: (_t, channel: string) => async (request: unknown) => {
      calls.push({ channel, request });
      if (channel === 'settings:get') return SETTINGS;
      if (channel === 'uploads:list') return [{ wrong: 'shape' }];
      return {};
    },
  });
  host = await startBrowserHost({ handlers, rendererDir: path.join(work, 'renderer'), bridgePath: path.join(work, 'bridge.js'), signInRedirect: async (url) => void redirects.push(url) });
  const login = await fetch(host.url, { redirect: 'manual' });
  expect(login.status).toBe(303);
  expect(login.headers.get('location')).toBe('/');
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
});
afterAll(async () => {
  await host?.close();
  await rm(work, { recursive: true, force: true });
});

const ipc = (channel: string, body: unknown, headers: Record<string, string> = { cookie, origin: host.origin, 'content-type': 'application/json' }) =>
  fetch(`${host.origin}/__host/ipc/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) });

describe('browser host', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('serves the page with the bridge injected and the strict CSP, only with the secret', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(403);
    expect((await fetch(`${host.origin}/?k=wrong`)).status).toBe(403);
    const page = await fetch(`${host.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/__host/bridge.js"></script>');
    expect(page.headers.get('content-security-policy')).toBe(HOST_CSP);
    expect(HOST_CSP).toContain("connect-src 'self'");
    expect(HOST_CSP).toContain("script-src 'self'");
  });

  it('answers calls through the contract: valid ones reach the handler, invalid ones are refused before it', async () => {
    const ok = await (await ipc('settings:get', {})).json();
    expect(ok).toEqual({ value: SETTINGS });
    calls.length = 0;
    const bad = await (await ipc('settings:set', { partsInFlight: 10_000 })).json();
    expect(bad.error).toMatch(/invalid request/);
    const unknown = await (await ipc('secret:dump', {})).json();
    expect(unknown.error).toMatch(/unknown channel/);
    expect(calls).toEqual([]); // neither reached a handler
    // A handler answering outside the contract is caught too.
    expect((await (await ipc('uploads:list', {})).json()).error).toBeDefined();
  });

  it('refuses calls without the cookie, from another origin, or too large', async () => {
    calls.length = 0;
    expect((await ipc('settings:get', {}, { origin: host.origin })).status).toBe(403);
    expect((await ipc('settings:get', {}, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await ipc('settings:get', {}, { cookie })).status).toBe(403); // no Origin at all
    const huge = await ipc('uploads:preflight', { paths: ['x'.repeat(5 * 1024 * 1024)], folderId: 'f' });
    expect(huge.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('serves nothing outside the renderer folder', async () => {
    expect((await fetch(`${host.origin}/app.js`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${host.origin}/..%2fsecret.txt`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${host.origin}/%2e%2e/secret.txt`, { headers: { cookie } })).status).toBe(404);
  });

  it('pushes events to connected pages as server-sent events', async () => {
    expect((await fetch(`${host.origin}/__host/events`)).status).toBe(403);
    const controller = new AbortController();
    const events = await fetch(`${host.origin}/__host/events`, { headers: { cookie }, signal: controller.signal });
    const reader = events.body!.getReader();
    await reader.read(); // ": connected"
    host.push('network:changed', { online: false });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: network:changed\ndata: {"online":false}\n\n');
    controller.abort();
  });

  it('gives a page that connects late the latest state pushed before it (a sign-in right after the page loaded)', async () => {
    host.push('auth:changed', { signedIn: true, apiUrl: 'x', user: null, sandbox: false, keychainAvailable: true });
    host.push('uploads:warning', { message: 'a delta, not state: not replayed' });
    const controller = new AbortController();
    const events = await fetch(`${host.origin}/__host/events`, { headers: { cookie }, signal: controller.signal });
    const reader = events.body!.getReader();
    let text = '';
    while (!text.includes('event: auth:changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"signedIn":true');
    expect(text).not.toContain('uploads:warning');
    controller.abort();
  });

  it('hands a sign-in redirect to the same function as the protocol handler, only from its own page', async () => {
    const url = 'adobe+ferrysandbox://callback?code=c0de&state=s7a7e';
    const post = (headers: Record<string, string>, body: unknown = { url }) =>
      fetch(`${host.origin}/__host/sign-in-redirect`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post({ origin: host.origin })).status).toBe(403); // no cookie
    expect((await post({ cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ cookie, origin: host.origin }, { nope: 1 })).status).toBe(400);
    expect(redirects).toEqual([]);
    expect((await post({ cookie, origin: host.origin })).status).toBe(200);
    expect(redirects).toEqual([url]);
  });

  // Review finding 8: the door's three gaps.
  it('the one-time URL opens the door once: a second use of the secret is refused', async () => {
    const again = await fetch(host.url, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a Host header that is not its own address (DNS rebinding), cookie or not', async () => {
    const port = new URL(host.origin).port;
    const status = (hostHeader: string, target = '/app.js') =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: target, headers: { host: hostHeader, cookie } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status(`evil.example:${port}`)).toBe(421);
    expect(await status(`evil.example:${port}`, '/__host/events')).toBe(421);
    expect(await status('127.0.0.1:1')).toBe(421);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
  });

  it('serves the renderer’s files only with the cookie', async () => {
    expect((await fetch(`${host.origin}/app.js`)).status).toBe(403);
    expect((await fetch(`${host.origin}/app.js`, { headers: { cookie: 'ferry_host=guess' } })).status).toBe(403);
    expect((await fetch(`${host.origin}/app.js`, { headers: { cookie } })).status).toBe(200);
  });
});
