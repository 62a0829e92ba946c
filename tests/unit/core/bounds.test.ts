// Every loop and wait a server controls is bounded (issue "Trust under fire", finding 9): a listing that never ends,
// an HTML page where JSON should be, an answer too big to hold, and a published limit of one call a day.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHttp, MAX_RESPONSE_BYTES } from '../../../src/core/frameio/api-http';
import { FrameioError } from '../../../src/core/frameio/errors';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { V4Client } from '../../../src/core/frameio/v4-client';
import { Pacer } from '../../../src/core/net/pacer';
import { MAX_PACE_WAIT_MS } from '../../../src/core/net/rate-budget';

let server: http.Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, path = '/v2'): Promise<{ base: string; requests: () => number }> {
  let requests = 0;
  server = http.createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, requests: () => requests };
}

const v2Asset = (id: string) => ({ id, name: id, type: 'file', parent_id: 'root', project_id: 'p', filesize: 1, filetype: null, item_count: null, upload_completed_at: null, original: null, inserted_at: null, updated_at: null });
const v4File = (id: string) => ({ id, name: id, type: 'file', parent_id: 'root', project_id: 'p', file_size: 1, media_type: null, status: 'uploaded', created_at: null, updated_at: null });

describe('listings a server controls', () => {
  it('V2: "total-pages: 1000000000" with the same page each time stops at once with a clear error', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'total-pages': '1000000000', total: '100000000000' });
      res.end(JSON.stringify([v2Asset('a'), v2Asset('b')]));
    });
    const error = await new V2Client({ baseUrl: api.base, token: 't' }).listChildren('root').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameioError);
    expect((error as Error).message).toMatch(/kept answering .* items it had already sent; stopped after 2 pages/);
    expect(api.requests()).toBe(2);
  });

  it('V2: an empty page that says there are more is the end', async () => {
    const api = await serve((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      res.writeHead(200, { 'content-type': 'application/json', 'total-pages': '1000000000' });
      res.end(JSON.stringify(page === 1 ? [v2Asset('a')] : []));
    });
    expect((await new V2Client({ baseUrl: api.base, token: 't' }).listChildren('root')).map((a) => a.id)).toEqual(['a']);
    expect(api.requests()).toBe(2);
  });

  it('V4: a links.next that leads back to a page already read stops with a clear error', async () => {
    let n = 0;
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [v4File(`f${++n}`)], links: { next: '/v4/accounts/acc/folders/root/files?after=SAME' } }));
    }, '/v4');
    const client = new V4Client({ baseUrl: api.base, token: 't', accountId: 'acc' });
    const error = await client.listFiles('root').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/points back to a page already read/);
    expect(api.requests()).toBe(2);
  });
});

describe('answers a server controls', () => {
  it('an HTML page where JSON should be says so, naming the address', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Welcome to nginx</body></html>');
    });
    const error = (await createApiHttp({ baseUrl: api.base, token: 't' }).request('GET', 'me').catch((e: unknown) => e)) as FrameioError;
    expect(error.message).toMatch(/answered GET me with a web page \(HTML\), not the JSON of an API: is it a Frame\.io API address/);
  });

  it(`an answer over ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB is not read to the end`, async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let written = 0;
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (written < 4 * MAX_RESPONSE_BYTES) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const error = (await createApiHttp({ baseUrl: api.base, token: 't' }).request('GET', 'me').catch((e: unknown) => e)) as FrameioError;
    expect(error.message).toMatch(/larger than 32 MiB; stopped reading it/);
    expect(written).toBeLessThan(4 * MAX_RESPONSE_BYTES);
  });

  it('a published limit of one call a day holds a call at most two minutes, then lets it go', async () => {
    let t = 0;
    const waits: number[] = [];
    const pacer = new Pacer({ now: () => t, sleep: async (ms) => { waits.push(ms); t += ms; } });
    pacer.observe('slow', { limit: 1, remaining: 0, windowMs: 86_400_000 });
    const spec = { bucket: 'slow', budget: { transient: { retries: 0, baseMs: 1 }, throttled: { retries: 0, baseMs: 1 } }, classify: () => ({ retry: false }) as const };
    expect(await pacer.call(spec, async () => 'went')).toBe('went');
    expect(waits.reduce((a, b) => a + b, 0)).toBe(MAX_PACE_WAIT_MS);
  });
});
