import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxFaults } from '../../../src/sandbox/index.js';
import { createFile, partHeaders, rawPut, startHarness, xmlCode, xmlMessage, type Harness } from './helpers.js';

const BODY = Buffer.alloc(1000, 1);

describe('sandbox fault injection', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  async function withPart(faults: SandboxFaults): Promise<{ h: Harness; url: string }> {
    const h = await startHarness({ faults });
    open.push(h);
    const file = await createFile(h, h.sb.rootAssetId, 'f.bin', BODY.length, 'video/mp4');
    return { h, url: file.upload_urls[0] ?? '' };
  }

  const put = (url: string) => rawPut(url, partHeaders('video/mp4', BODY.length), BODY);

  it('put503 → 503 SlowDown XML, counted', async () => {
    const { h, url } = await withPart({ put503: 1 });
    const r = await put(url);
    expect(r.status).toBe(503);
    expect(xmlCode(r.body)).toBe('SlowDown');
    expect(h.sb.stats().faultsInjected).toEqual({ put503: 1 });
    expect(h.sb.stats().partPutAttempts).toBe(1);
  });

  it('put500 → 500 InternalError XML', async () => {
    const { url } = await withPart({ put500: 1 });
    const r = await put(url);
    expect(r.status).toBe(500);
    expect(xmlCode(r.body)).toBe('InternalError');
  });

  it('expireUrls → 403 AccessDenied "Request has expired"', async () => {
    const { url } = await withPart({ expireUrls: 1 });
    const r = await put(url);
    expect(r.status).toBe(403);
    expect(xmlCode(r.body)).toBe('AccessDenied');
    expect(xmlMessage(r.body)).toBe('Request has expired');
  });

  it('putReset → the connection is dropped without a response and nothing is stored', async () => {
    const { h, url } = await withPart({ putReset: 1 });
    await expect(put(url)).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE/);
    expect(h.sb.stats().partPuts).toEqual({});
    expect(h.sb.stats().faultsInjected).toEqual({ putReset: 1 });
  });

  it('putSlow → the body is read at slowBytesPerSec, then stored', async () => {
    const { h, url } = await withPart({ putSlow: 1, slowBytesPerSec: 2000 });
    const started = Date.now();
    const r = await put(url);
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450); // 1000 B at 2000 B/s
    expect(h.sb.stats().faultsInjected).toEqual({ putSlow: 1 });
  });

  it('api429 → 429 with Retry-After = retryAfterS and a V2 body', async () => {
    const { h } = await withPart({});
    h.sb.setFaults({ api429: 1, retryAfterS: 3 });
    const res = await h.api('/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
    expect(((await res.json()) as { code: number }).code).toBe(429);
  });

  it('the same seed gives the same fault sequence (setFaults restarts the PRNG; a second sandbox agrees)', async () => {
    const faults = { seed: 42, put503: 0.5 };
    const run = async (url: string): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await put(url)).status);
      return statuses;
    };
    const a = await withPart(faults);
    const first = await run(a.url);
    a.h.sb.setFaults(faults);
    const again = await run(a.url);
    const b = await withPart(faults);
    const other = await run(b.url);
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(again).toEqual(first);
    expect(other).toEqual(first);
    const differentSeed = await withPart({ seed: 7, put503: 0.5 });
    expect(await run(differentSeed.url)).not.toEqual(first);
  });

  it('is controllable over HTTP: PUT /_sandbox/faults and GET /_sandbox/stats, both only with a token', async () => {
    const { h, url } = await withPart({});
    const origin = h.sb.apiUrl.replace(/\/v2$/, '');
    const denied = await fetch(`${origin}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify({ put500: 1 }) });
    expect(denied.status).toBe(401);
    const invalid = await fetch(`${origin}/_sandbox/faults`, {
      method: 'PUT', headers: { authorization: `Bearer ${h.sb.token}` }, body: JSON.stringify({ put500: 2 }),
    });
    expect(invalid.status).toBe(422);
    const ok = await fetch(`${origin}/_sandbox/faults`, {
      method: 'PUT', headers: { authorization: `Bearer ${h.sb.token}` }, body: JSON.stringify({ put500: 1 }),
    });
    expect(ok.status).toBe(200);
    expect((await put(url)).status).toBe(500);
    // Stats need a credential too (review finding 3: they were served to anyone).
    expect((await fetch(`${origin}/_sandbox/stats`)).status).toBe(401);
    expect((await fetch(`${origin}/_sandbox/stats`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const asked = await fetch(`${origin}/_sandbox/stats`, { headers: { authorization: `Bearer ${h.sb.token}` } });
    const stats = (await asked.json()) as { faultsInjected: Record<string, number>; assetsCreated: number };
    expect(stats.faultsInjected).toEqual({ put500: 1 });
    expect(stats.assetsCreated).toBe(1);
  });
});
