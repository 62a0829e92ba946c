// The API HTTP layer against a real local HTTP server: bearer injection, 429 handling, error mapping, no token leaks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHttp, MAX_RETRY_AFTER_MS } from '../../../src/core/frameio/api-http';
import { FrameioError } from '../../../src/core/frameio/errors';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let server: http.Server | null = null;

async function serve(handler: Handler): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
}

afterEach(async () => {
  const running = server;
  server = null;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const TOKEN = 'fio-u-secret-token-value';
const noSleep = async () => {};

describe('api-http', () => {
  it('sends the bearer token and parses JSON', async () => {
    let seen: string | undefined;
    const base = await serve((req, res) => {
      seen = req.headers.authorization;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'u1', path: req.url }));
    });
    const api = createApiHttp({ baseUrl: base, token: TOKEN });
    const response = await api.request('GET', 'me');
    expect(seen).toBe(`Bearer ${TOKEN}`);
    expect(response.body).toEqual({ id: 'u1', path: '/v2/me' });
  });

  it('waits out 429s using Retry-After, then succeeds', async () => {
    let calls = 0;
    const waits: number[] = [];
    const base = await serve((_req, res) => {
      calls++;
      if (calls < 3) {
        res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 429, message: 'Too Many Requests' }));
        return;
      }
      res.end('{"ok":true}');
    });
    const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: async (ms) => void waits.push(ms), onRateLimited: () => {} });
    const response = await api.request('POST', 'assets/x/children', { json: { type: 'folder', name: 'a' } });
    expect(response.body).toEqual({ ok: true });
    expect(calls).toBe(3);
    expect(waits).toEqual([2000, 2000]);
  });

  it('caps an absurd Retry-After', async () => {
    let calls = 0;
    const waits: number[] = [];
    const base = await serve((_req, res) => {
      res.writeHead(++calls < 2 ? 429 : 200, { 'retry-after': '86400' });
      res.end('{}');
    });
    const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: async (ms) => void waits.push(ms) });
    await api.request('GET', 'me');
    expect(waits).toEqual([MAX_RETRY_AFTER_MS]);
  });

  it('paces by x-ratelimit-* before any 429: with nothing left, the next call waits for one call\'s share of the window', async () => {
    let calls = 0;
    const waits: number[] = [];
    const base = await serve((_req, res) => {
      calls++;
      res.writeHead(200, { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': calls === 1 ? '0' : '3', 'x-ratelimit-window': '1500' });
      res.end('{}');
    });
    let t = 1_000_000;
    const api = createApiHttp({ baseUrl: base, token: TOKEN, now: () => t, sleep: async (ms) => { waits.push(ms); t += ms; } });
    await api.request('GET', 'me');
    expect(waits).toEqual([]);
    await api.request('GET', 'me');
    expect(waits).toEqual([327]); // 5 calls per 1500 ms, paced at 92 %: one refills in 327 ms
    await api.request('GET', 'me'); // the server said 3 left, but we had just spent the one we waited for
    expect(waits).toEqual([327, 327]);
    t += 1500;
    await api.request('GET', 'me');
    expect(waits).toEqual([327, 327]); // the window refilled
  });

  it('backs off exponentially on 429 without Retry-After', async () => {
    let calls = 0;
    const waits: number[] = [];
    const base = await serve((_req, res) => {
      res.statusCode = ++calls < 4 ? 429 : 200;
      res.end('{}');
    });
    const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: async (ms) => void waits.push(ms), random: () => 1 });
    await api.request('GET', 'me');
    expect(waits).toEqual([1000, 2000, 4000]); // equal jitter at its top: 1 s, 2 s, 4 s
  });

  it('maps V2 errors to typed errors carrying the API message, never the token', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 404, message: 'Not Found', errors: [{ code: 404, status: 404, title: 'Not Found', detail: 'Asset abc not found' }] }));
    });
    const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: noSleep });
    const error = await api.request('GET', 'assets/abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameioError);
    expect((error as FrameioError).kind).toBe('not_found');
    expect((error as FrameioError).message).toBe('Not Found: Asset abc not found');
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(TOKEN);
  });

  it('reports an unreachable server as a network error naming the URL', async () => {
    const base = await serve((_req, res) => res.end());
    const closing = server;
    server = null;
    await new Promise((resolve) => closing?.close(resolve));
    const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: noSleep });
    const error = (await api.request('GET', 'me').catch((e: unknown) => e)) as FrameioError;
    expect(error.kind).toBe('network');
    expect(error.message).toContain(`Cannot reach Frame.io at ${base}`);
    expect(error.message).not.toContain(TOKEN);
  });

  it('retries a GET after a 5xx but never re-sends a POST that may have been processed', async () => {
    let gets = 0;
    let posts = 0;
    const base = await serve((req, res) => {
      if (req.method === 'GET') res.statusCode = ++gets < 2 ? 502 : 200;
      else {
        posts++;
        res.statusCode = 500;
      }
      res.end('{}');
    });
    const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: noSleep });
    await api.request('GET', 'me');
    expect(gets).toBe(2);
    await expect(api.request('POST', 'assets/x/children', { json: {} })).rejects.toMatchObject({ kind: 'server', status: 500 });
    expect(posts).toBe(1);
  });

  describe('the token stays home', () => {
    it('never follows a redirect to another origin with the token (got would put it back through a hook)', async () => {
      const seen: Array<string | undefined> = [];
      const other = http.createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.end('{"id":"u1"}');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      try {
        const port = (other.address() as AddressInfo).port;
        // 127.0.0.1 → localhost: both this computer, but another origin all the same.
        const base = await serve((req, res) => {
          res.writeHead(302, { location: `http://localhost:${port}${req.url}` });
          res.end();
        });
        const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: noSleep });
        const error = (await api.request('GET', 'me').catch((e: unknown) => e)) as FrameioError;
        expect(error).toBeInstanceOf(FrameioError);
        expect(error.message).toMatch(/redirect to another address \(http:\/\/localhost:\d+\); Ferry does not send your token there/);
        expect(seen).toEqual([]);
      } finally {
        other.close();
      }
    });

    it('follows a redirect within the API origin, with the token', async () => {
      const seen: Array<[string | undefined, string | undefined]> = [];
      const base = await serve((req, res) => {
        seen.push([req.url, req.headers.authorization]);
        if (req.url === '/v2/me') {
          res.writeHead(301, { location: '/v2/me-moved' });
          return res.end();
        }
        res.end('{"ok":true}');
      });
      const api = createApiHttp({ baseUrl: base, token: TOKEN, sleep: noSleep });
      expect((await api.request('GET', 'me')).body).toEqual({ ok: true });
      expect(seen).toEqual([['/v2/me', `Bearer ${TOKEN}`], ['/v2/me-moved', `Bearer ${TOKEN}`]]);
    });

    it('refuses plain http except to this computer', () => {
      expect(() => createApiHttp({ baseUrl: 'http://api.example.com/v2', token: TOKEN })).toThrow(/only over https \(or to this computer\)/);
      expect(() => createApiHttp({ baseUrl: 'http://127.0.0.1:9/v2', token: TOKEN })).not.toThrow();
      expect(() => createApiHttp({ baseUrl: 'http://localhost:9/v2', token: TOKEN })).not.toThrow();
      expect(() => createApiHttp({ baseUrl: 'https://api.frame.io/v2', token: TOKEN })).not.toThrow();
      expect(() => createApiHttp({ baseUrl: 'ftp://api.frame.io/v2', token: TOKEN })).toThrow(/https/);
    });
  });
});
