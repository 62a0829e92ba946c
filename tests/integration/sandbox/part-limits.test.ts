// S3's limits hold in the sandbox, V2 and V4 alike ("Trust under fire", finding 3): at most 10,000 parts, none
// over 5 GiB (a 20,000-part create took 7.6 s), and a PUT bigger than its part is refused with an S3 error and
// nothing kept (a 5 MB PUT into a 100-byte part was accepted and stored). A part URL of a deleted file stores nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { createFile, getAsset, partHeaders, randomBytesOf, rawPut, startHarness, uploadAll, xmlCode, type Harness } from './helpers.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MAX_PARTS = 10_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const v4 = (harness: Harness, path: string, json?: unknown): Promise<Response> =>
  fetch(`${harness.sb.apiV4Url}${path}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${harness.sb.token}`, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });

describe('part count and part size', () => {
  it('V2: a file that would need 20,000 parts gets 10,000 larger ones; the ceil rule still covers it', async () => {
    h = await startHarness({ partSizeBytes: MiB });
    const size = 20_000 * MiB + 123;
    const file = await createFile(h, h.sb.rootAssetId, 'long.mov', size);
    expect(file.upload_urls).toHaveLength(MAX_PARTS);
    expect(Math.ceil(size / file.upload_urls.length)).toBeLessThanOrEqual(5 * GiB);
    // A small file keeps the configured part size.
    expect((await createFile(h, h.sb.rootAssetId, 'short.mov', 3 * MiB)).upload_urls).toHaveLength(3);
  });

  it('V2: a file larger than 10,000 parts of 5 GiB is refused with a 422 that says why', async () => {
    h = await startHarness();
    const res = await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'file', name: 'huge.mov', filesize: MAX_PARTS * 5 * GiB + 1 } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/10,000 parts of 5 GiB/);
    const largest = await createFile(h, h.sb.rootAssetId, 'largest.mov', MAX_PARTS * 5 * GiB);
    expect(largest.upload_urls).toHaveLength(MAX_PARTS);
  });

  // One plan here (10,000 presigned URLs take seconds); tests/unit/sandbox/part-limits.test.ts checks every plan.
  it('V4: the largest file (5e12 bytes) gets at most 10,000 parts, none over 5 GiB', async () => {
    h = await startHarness({ partPlan: 'random' });
    const res = await v4(h, `/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files/local_upload`, { data: { name: 'huge.mov', file_size: 5e12 } });
    expect(res.status).toBe(201);
    const urls = ((await res.json()) as { data: { upload_urls: { size: number }[] } }).data.upload_urls;
    expect(urls.length).toBeLessThanOrEqual(MAX_PARTS);
    expect(Math.max(...urls.map((u) => u.size))).toBeLessThanOrEqual(5 * GiB);
    expect(urls.reduce((a, u) => a + u.size, 0)).toBe(5e12);
  });

  it('partSizeBytes must be a whole number of bytes from 1 to 5 GiB', async () => {
    for (const partSizeBytes of [0, -1, 1.5, 5 * GiB + 1, Number.NaN]) {
      await expect(startSandbox({ partSizeBytes })).rejects.toThrow(/partSizeBytes must be a whole number .* 5 GiB/);
    }
  });
});

describe('a PUT larger than its part', () => {
  it('V2: 5 MB into a 100-byte part is 400 EntityTooLarge, nothing is kept, and the right bytes still complete the file', async () => {
    h = await startHarness();
    const file = await createFile(h, h.sb.rootAssetId, 'small.mov', 100);
    const url = file.upload_urls[0] ?? '';
    const big = randomBytesOf(5 * MiB);
    const refused = await rawPut(url, partHeaders(file.filetype, big.length), big);
    expect(refused.status).toBe(400);
    expect(xmlCode(refused.body)).toBe('EntityTooLarge');
    expect(refused.body).toMatch(/<MaxSizeAllowed>100<\/MaxSizeAllowed>/);
    expect(existsSync(join(h.dataDir, 'parts', file.id))).toBe(false);
    expect(h.sb.stats().partPuts[file.id]).toBeUndefined();
    // One byte too many is refused too; the exact part is taken.
    const over = randomBytesOf(101);
    expect(xmlCode((await rawPut(url, partHeaders(file.filetype, 101), over)).body)).toBe('EntityTooLarge');
    expect((await uploadAll(file, over.subarray(0, 100))).map((r) => r.status)).toEqual([200]);
    expect((await getAsset(h, file.id)).upload_completed_at).not.toBeNull();
  });

  it('V4: each URL takes at most its own size', async () => {
    h = await startHarness({ partSizeBytes: 1000, partPlan: 'random', partPlanSeed: 3 });
    const res = await v4(h, `/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files/local_upload`, { data: { name: 'r.mov', file_size: 5000 } });
    const file = ((await res.json()) as { data: { id: string; media_type: string; upload_urls: { size: number; url: string }[] } }).data;
    const [first] = file.upload_urls;
    if (!first) throw new Error('no part URL');
    const body = randomBytesOf(first.size + 1);
    const refused = await rawPut(first.url, partHeaders(file.media_type, body.length), body);
    expect(xmlCode(refused.body)).toBe('EntityTooLarge');
    expect(existsSync(join(h.dataDir, 'parts', file.id))).toBe(false);
    expect((await rawPut(first.url, partHeaders(file.media_type, first.size), body.subarray(0, first.size))).status).toBe(200);
  });

  it('the URL of a deleted file stores nothing: 403 AccessDenied', async () => {
    h = await startHarness();
    const file = await createFile(h, h.sb.rootAssetId, 'gone.mov', 100);
    expect((await h.api(`/assets/${file.id}`, { method: 'DELETE' })).status).toBe(200);
    const data = randomBytesOf(100);
    const answer = await rawPut(file.upload_urls[0] ?? '', partHeaders(file.filetype, 100), data);
    expect(answer.status).toBe(403);
    expect(xmlCode(answer.body)).toBe('AccessDenied');
    expect(existsSync(join(h.dataDir, 'parts', file.id))).toBe(false);
  });
});
