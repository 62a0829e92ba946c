// The browser host: serves the built renderer to a plain browser and implements DesktopApi over HTTP by calling the
// very handlers the Electron IPC wrapper calls, through the same `dispatch` (contract validation in and out). The
// UI's end-to-end tests run on it in real Chromium, and `npm start` offers it as a preview where Electron is absent.
//
// It is a local door into the signed-in session, so it is shut tight: 127.0.0.1 only; a per-run key in the URL that
// the first page load trades, once, for an HttpOnly SameSite=Strict cookie holding another secret (the URL, left in
// a terminal or a history, opens nothing afterwards); every request — page, files, events, calls — needs that cookie
// and a Host header naming this server (127.0.0.1 or localhost on its port: a DNS-rebound name is refused); every API
// call also needs our own Origin (no cross-site requests); and the same strict CSP as the app window (plus
// connect-src 'self'). Review finding 8.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isInvokeChannel } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from '../ipc/register-handlers';
import { contentTypeOf, rendererFile } from '../renderer-files';
import { CONTENT_SECURITY_POLICY } from '../window-security';
import { localRoute, type LocalRoutesOptions } from './local-routes';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const COOKIE = 'ferry_host';
export const HOST_CSP = CONTENT_SECURITY_POLICY.replace("connect-src 'none'", "connect-src 'self'");

/** Pushes that carry the whole current state: replaying the latest one to a new page is always right. */
const STATE_EVENTS: ReadonlySet<string> = new Set(['auth:changed', 'network:changed']);

export interface BrowserHostOptions {
  handlers: Handlers;
  /** The built renderer (index.html, app.js, app.css). */
  rendererDir: string;
  /** The bundled HTTP bridge that defines window.ferry before the app runs. */
  bridgePath: string;
  port?: number;
  /** "Sign in with Adobe" in a browser tab: no protocol handler can bring the redirect back, so whoever holds it (the
   * e2e test reading the sign-in page's 302, or a person pasting it) posts it to `/__host/sign-in-redirect` as
   * {"url": …}; it reaches the same function the desktop app's protocol handler calls (handleSignInRedirect). */
  signInRedirect?: (url: string) => Promise<unknown>;
  /** A path the page reports dropped (`POST /__host/dropped` {"path"}: the bridge's stand-in for the preload's
   * DROPPED_CHANNEL), granted by main like a drop on the app window. */
  onDropped?: (paths: string[]) => void;
  /** The browser window's in-page chooser and its spool for dropped files without a path (local-routes.ts). */
  local?: LocalRoutesOptions;
}

export interface BrowserHost {
  /** Open this URL (it carries the one-time secret). */
  url: string;
  origin: string;
  push(event: string, payload: unknown): void;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  /** The URL's key, good for one page load; then only the cookie's secret opens the door. */
  let urlKey: string | null = randomBytes(24).toString('base64url');
  const firstKey = urlKey;
  const secret = randomBytes(24).toString('base64url');
  const clients = new Set<http.ServerResponse>();
  let origin = '';
  let ownHosts: ReadonlySet<string> = new Set();

  const same = (given: string, expected: string) => {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const authorised = (req: http.IncomingMessage) => same(/(?:^|;\s*)ferry_host=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '', secret);

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', error instanceof Error ? error.message : 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another name that resolves here (DNS rebinding) is another origin: nothing for it, cookie or not.
    if (!ownHosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'this server answers only to its own address');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/' || url.pathname === '/index.html') return page(req, res, url);
    if (!authorised(req)) return send(res, 403, 'text/plain', 'open the URL the host printed');
    if (url.pathname.startsWith('/__host/')) {
      if (url.pathname === '/__host/bridge.js') return file(res, options.bridgePath);
      if (url.pathname === '/__host/events' && req.method === 'GET') return events(req, res);
      if (url.pathname.startsWith('/__host/ipc/') && req.method === 'POST') return ipc(req, res, decodeURIComponent(url.pathname.slice('/__host/ipc/'.length)));
      if (url.pathname === '/__host/sign-in-redirect' && req.method === 'POST' && options.signInRedirect) return redirect(req, res, options.signInRedirect);
      if (url.pathname === '/__host/dropped' && req.method === 'POST' && options.onDropped) return dropped(req, res, options.onDropped);
      if (options.local && /^\/__host\/(local|spool)(\/|$)/.test(url.pathname)) {
        // Every one of these reads or writes this computer's files: our own page's calls only, whatever the method.
        if (req.headers.origin !== origin) return send(res, 403, 'text/plain', 'cross-origin call refused');
        if (await localRoute(url.pathname, req, res, options.local, routeIo)) return;
      }
      return send(res, 404, 'text/plain', 'not found');
    }
    const target = rendererFile(options.rendererDir, url.pathname);
    if (!target) return send(res, 404, 'text/plain', 'not found');
    return file(res, target);
  }

  async function page(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const key = url.searchParams.get('k');
    if (key !== null) {
      if (urlKey === null || !same(key, urlKey)) return send(res, 403, 'text/plain', 'this address was already used, or is wrong: start the host again for a new one');
      urlKey = null; // single use
      // Trade the key in the URL for a cookie, and drop it from the address bar and history.
      res.writeHead(303, { location: '/', 'set-cookie': `${COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/` });
      res.end();
      return;
    }
    if (!authorised(req)) return send(res, 403, 'text/plain', 'open the URL the host printed');
    const html = await readFile(path.join(options.rendererDir, 'index.html'), 'utf8');
    // The bridge plays the preload's part: it must define window.ferry before the app's script runs.
    send(res, 200, contentTypeOf('index.html'), html.replace('<head>', '<head>\n    <script src="/__host/bridge.js"></script>'));
  }

  /** A call's JSON body (null: refused and answered here — another origin, or too large). */
  async function bodyOf(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer[] | null> {
    if (req.headers.origin !== origin) return (send(res, 403, 'text/plain', 'cross-origin call refused'), null);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // The rest of the body is never read: this connection cannot carry another request.
        const socket = req.socket;
        res.once('finish', () => socket.destroy());
        res.setHeader('connection', 'close');
        return (send(res, 413, 'application/json', JSON.stringify({ error: 'request too large' })), null);
      }
      chunks.push(chunk);
    }
    return chunks;
  }

  /** One string field of a small JSON body (null: refused and answered here). */
  async function fieldOf(req: http.IncomingMessage, res: http.ServerResponse, field: string): Promise<string | null> {
    const body = await routeIo.json(req, res);
    if (!body) return null;
    const value = body[field];
    if (typeof value === 'string' && value.length <= 8192) return value;
    send(res, 400, 'application/json', JSON.stringify({ error: `expected {"${field}": "…"}` }));
    return null;
  }

  const routeIo = {
    json: async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Record<string, unknown> | null> => {
      const chunks = await bodyOf(req, res);
      if (!chunks) return null;
      try {
        const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
      } catch {
        // answered below
      }
      send(res, 400, 'application/json', JSON.stringify({ error: 'expected a JSON object' }));
      return null;
    },
    reply: (res: http.ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body)),
  };

  async function redirect(req: http.IncomingMessage, res: http.ServerResponse, to: (url: string) => Promise<unknown>): Promise<void> {
    const url = await fieldOf(req, res, 'url');
    if (url === null) return;
    await to(url); // the outcome (signed in, or why not) reaches the page as auth:changed
    send(res, 200, 'application/json', '{}');
  }

  async function dropped(req: http.IncomingMessage, res: http.ServerResponse, to: (paths: string[]) => void): Promise<void> {
    const path = await fieldOf(req, res, 'path');
    if (path === null) return;
    to([path]);
    send(res, 200, 'application/json', '{}');
  }

  async function ipc(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    const chunks = await bodyOf(req, res);
    if (!chunks) return;
    try {
      if (!isInvokeChannel(channel)) throw new Error(`unknown channel "${channel}"`);
      const payload: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const value = await dispatch(options.handlers, channel, payload);
      send(res, 200, 'application/json', JSON.stringify({ value }));
    } catch (error) {
      send(res, 200, 'application/json', JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  }

  /** The last push of each state event (whole snapshots, unlike the queue's deltas), for pages that connect late. */
  const latestState = new Map<string, string>();

  function events(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    // A page that connects after a state push (a sign-in right after the page loaded) still hears the latest state.
    for (const frame of latestState.values()) res.write(frame);
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  async function file(res: http.ServerResponse, target: string): Promise<void> {
    try {
      const body = await readFile(target);
      send(res, 200, contentTypeOf(target), body);
    } catch {
      send(res, 404, 'text/plain', 'not found');
    }
  }

  function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
    res.writeHead(status, { 'content-type': type, 'content-security-policy': HOST_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/?k=${firstKey}`,
    origin,
    push(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      if (STATE_EVENTS.has(event)) latestState.set(event, frame);
      for (const client of clients) client.write(frame);
    },
    async close() {
      for (const client of clients) client.end();
      clients.clear(); // a push after closing (the backend stopping after the host) has nobody to write to
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
