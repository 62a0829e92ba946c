import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxInternals } from '../../../src/sandbox/start.js';
import { BODY_IDLE_TIMEOUT_MS } from '../../../src/sandbox/storage/body-idle.js';
import { waitFor } from '../../support/wait.js';
import { createFile, partHeaders, rawPut, startHarness, xmlCode, xmlMessage, type CreatedFile, type Harness } from './helpers.js';

const BODY = Buffer.alloc(1000, 7);

describe('sandbox part storage enforces S3 presigned-URL rules', () => {
  let h: Harness | undefined;
  let file: CreatedFile;
  afterEach(async () => {
    vi.useRealTimers();
    await h?.close();
    h = undefined;
  });

  /** The files in the part's folder (made by the first PUT): the temp file a PUT streams into, the part once stored. */
  const partDir = () => join(h?.dataDir ?? '', 'parts', file.id);
  const partFiles = () => (existsSync(partDir()) ? readdirSync(partDir()) : []);

  async function setup(urlExpiresS?: number, internals: SandboxInternals = {}): Promise<string> {
    h = await startHarness(urlExpiresS ? { urlExpiresS } : {}, internals);
    file = await createFile(h, h.sb.rootAssetId, 'p.bin', BODY.length, 'video/mp4');
    return file.upload_urls[0] ?? '';
  }

  function expectXmlError(r: { status: number; headers: Record<string, unknown>; body: string }, status: number, code: string): void {
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(xmlCode(r.body)).toBe(code);
    expect(r.body).toMatch(/<Error><Code>.*<\/Code><Message>.*<\/Message>.*<RequestId>[^<]+<\/RequestId><HostId>[^<]+<\/HostId><\/Error>/);
  }

  it('accepts the exact request and counts the stored part', async () => {
    const url = await setup();
    const ok = await rawPut(url, partHeaders('video/mp4', BODY.length), BODY);
    expect(ok.status).toBe(200);
    expect(h?.sb.stats().partPuts[file.id]).toEqual({ 1: 1 });
  });

  it('tampered signature → 403 SignatureDoesNotMatch', async () => {
    const url = await setup();
    const u = new URL(url);
    const sig = u.searchParams.get('X-Amz-Signature') ?? '';
    u.searchParams.set('X-Amz-Signature', (sig.startsWith('0') ? '1' : '0') + sig.slice(1));
    expectXmlError(await rawPut(u.toString(), partHeaders('video/mp4', BODY.length), BODY), 403, 'SignatureDoesNotMatch');
    expect(h?.sb.stats().partPuts[file.id]).toBeUndefined();
  });

  it('tampered X-Amz-Content-Sha256 → 403 SignatureDoesNotMatch (it is part of the signed query)', async () => {
    const url = await setup();
    const u = new URL(url);
    expect(u.searchParams.get('X-Amz-Content-Sha256')).toBe('UNSIGNED-PAYLOAD');
    u.searchParams.set('X-Amz-Content-Sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expectXmlError(await rawPut(u.toString(), partHeaders('video/mp4', BODY.length), BODY), 403, 'SignatureDoesNotMatch');
    u.searchParams.delete('X-Amz-Content-Sha256');
    expectXmlError(await rawPut(u.toString(), partHeaders('video/mp4', BODY.length), BODY), 403, 'SignatureDoesNotMatch');
    expect(h?.sb.stats().partPuts[file.id]).toBeUndefined();
  });

  it('a different key in the path → 403 SignatureDoesNotMatch', async () => {
    const url = await setup();
    const other = url.replace('/part_1?', '/part_2?');
    expectXmlError(await rawPut(other, partHeaders('video/mp4', BODY.length), BODY), 403, 'SignatureDoesNotMatch');
  });

  it('wrong Content-Type → 403 SignatureDoesNotMatch', async () => {
    const url = await setup();
    expectXmlError(await rawPut(url, partHeaders('application/octet-stream', BODY.length), BODY), 403, 'SignatureDoesNotMatch');
  });

  it('wrong or missing x-amz-acl → 403 SignatureDoesNotMatch', async () => {
    const url = await setup();
    const wrong = { ...partHeaders('video/mp4', BODY.length), 'x-amz-acl': 'public-read' };
    expectXmlError(await rawPut(url, wrong, BODY), 403, 'SignatureDoesNotMatch');
    const { 'x-amz-acl': _acl, ...missing } = partHeaders('video/mp4', BODY.length);
    expectXmlError(await rawPut(url, missing, BODY), 403, 'SignatureDoesNotMatch');
  });

  it('expired URL → 403 AccessDenied "Request has expired"', async () => {
    const url = await setup(1);
    // The sandbox runs in this process: only its clock moves, past the URL's 1 s (its timers stay real).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2100 });
    const r = await rawPut(url, partHeaders('video/mp4', BODY.length), BODY);
    expectXmlError(r, 403, 'AccessDenied');
    expect(xmlMessage(r.body)).toBe('Request has expired');
  });

  it('an Authorization header → 400 InvalidArgument', async () => {
    const url = await setup();
    const headers = { ...partHeaders('video/mp4', BODY.length), authorization: 'Bearer nope' };
    expectXmlError(await rawPut(url, headers, BODY), 400, 'InvalidArgument');
  });

  it('unsigned x-amz-* header → 403 AccessDenied "headers … not signed"', async () => {
    const url = await setup();
    const headers = { ...partHeaders('video/mp4', BODY.length), 'x-amz-meta-note': 'hi' };
    const r = await rawPut(url, headers, BODY);
    expectXmlError(r, 403, 'AccessDenied');
    expect(xmlMessage(r.body)).toBe('There were headers present in the request which were not signed');
  });

  it('chunked body (no Content-Length) → 411 MissingContentLength', async () => {
    const url = await setup();
    const { 'content-length': _len, ...headers } = partHeaders('video/mp4', BODY.length);
    expectXmlError(await rawPut(url, { ...headers, 'transfer-encoding': 'chunked' }, BODY, { chunked: true }), 411, 'MissingContentLength');
  });

  it('body shorter than Content-Length, then the connection drops → nothing stored', async () => {
    const url = await setup();
    const req = request(url, { method: 'PUT', headers: partHeaders('video/mp4', BODY.length) });
    req.on('error', () => undefined); // the hang-up we cause
    const gone = new Promise<void>((resolve) => req.on('close', () => resolve()));
    req.write(BODY.subarray(0, 400));
    // The server has the 400 bytes in its temp file: the connection drops mid-body.
    const received = () => partFiles().some((name) => statSync(join(partDir(), name), { throwIfNoEntry: false })?.size === 400);
    await waitFor(received, 'the first 400 bytes to reach the temp file', 5000);
    req.destroy();
    await gone;
    await waitFor(() => partFiles().length === 0, 'the temp file to be removed', 5000);
    expect(h?.sb.stats().partPuts[file.id]).toBeUndefined();
    expect(h?.sb.stats().partPutAttempts).toBe(1);
  });

  it('body shorter than Content-Length, then silence → 400 RequestTimeout after the idle timeout, nothing kept', async () => {
    expect(BODY_IDLE_TIMEOUT_MS).toBe(20_000); // S3's; tests shorten it
    const url = await setup(undefined, { bodyIdleTimeoutMs: 300 });
    const started = Date.now();
    const r = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'PUT', headers: partHeaders('video/mp4', BODY.length) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.write(BODY.subarray(0, 400)); // and never the rest
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref();
    });
    expectXmlError(r, 400, 'RequestTimeout');
    expect(xmlMessage(r.body)).toMatch(/^Your socket connection to the server was not read from or written to within the timeout period\./);
    expect(r.headers.connection).toBe('close');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await waitFor(() => partFiles().length === 0, 'the temp file to be removed', 5000); // the temp file is gone too
    expect(h?.sb.stats().partPuts[file.id]).toBeUndefined();
  });

  it('a slow but steady body is not idle', async () => {
    const url = await setup(undefined, { bodyIdleTimeoutMs: 300 });
    const r = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request(url, { method: 'PUT', headers: partHeaders('video/mp4', BODY.length) }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on('error', reject);
      let sent = 0;
      const tick = setInterval(() => {
        req.write(BODY.subarray(sent, sent + 100));
        sent += 100;
        if (sent >= BODY.length) {
          clearInterval(tick);
          req.end();
        }
      }, 100);
    });
    expect(r.status).toBe(200);
  });

  it('non-PUT methods and other buckets are refused with S3 XML', async () => {
    const url = await setup();
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(xmlCode(await get.text())).toBe('MethodNotAllowed');
    const wrongBucket = url.replace('/frameio-uploads/', '/other-bucket/');
    expectXmlError(await rawPut(wrongBucket, partHeaders('video/mp4', BODY.length), BODY), 404, 'NoSuchBucket');
  });
});
