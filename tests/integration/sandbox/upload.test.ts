import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFile, getAsset, partHeaders, partSlice, randomBytesOf, rawPut, startHarness, uploadAll, type Harness } from './helpers.js';

const PART_SIZE_BYTES = 4096;

describe('sandbox upload flow (local storage)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('issues ceil(filesize / partSize) signed PutObject URLs with the Frame.io signed headers', async () => {
    h = await startHarness({ partSizeBytes: PART_SIZE_BYTES });
    const file = await createFile(h, h.sb.rootAssetId, 'clip.mov', 10_000, 'video/quicktime');
    expect(file.upload_urls).toHaveLength(3);
    for (const [i, u] of file.upload_urls.entries()) {
      const url = new URL(u);
      expect(url.origin).toBe(h.sb.storageUrl);
      expect(url.pathname).toBe(`/frameio-uploads/parts/${file.id}/part_${i + 1}`);
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-acl');
      expect(url.searchParams.get('X-Amz-Expires')).toBe('86400');
      expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
      expect(url.searchParams.has('x-amz-acl')).toBe(false);
    }
    const bigger = await createFile(h, h.sb.rootAssetId, 'big.mov', 5 * PART_SIZE_BYTES + 1);
    expect(bigger.upload_urls).toHaveLength(6);
  });

  it('completes once every part is stored and serves the stitched original without auth', async () => {
    h = await startHarness({ partSizeBytes: PART_SIZE_BYTES });
    const data = randomBytesOf(10_000);
    const file = await createFile(h, h.sb.rootAssetId, 'clip.mov', data.length, 'video/quicktime');
    const before = await getAsset(h, file.id);
    expect(before.upload_completed_at).toBeNull();
    expect(before.original).toBeNull();

    const results = await uploadAll(file, data);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
    const after = await getAsset(h, file.id);
    expect(typeof after.upload_completed_at).toBe('string');
    expect(after.uploaded_at).toBe(after.upload_completed_at);
    expect(after.filesize).toBe(data.length);
    const original = await fetch(String(after.original));
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('video/quicktime');
    expect(Buffer.from(await original.arrayBuffer()).equals(data)).toBe(true);
    expect(h.sb.stats().partPuts[file.id]).toEqual({ 1: 1, 2: 1, 3: 1 });
    expect(h.sb.stats().assetsCreated).toBe(1);
  });

  it('rejects a tampered original signature', async () => {
    h = await startHarness();
    const children = (await (await h.api(`/assets/${h.sb.rootAssetId}/children`)).json()) as Array<Record<string, unknown>>;
    const welcome = children.find((c) => c.name === 'welcome.txt');
    const url = String(welcome?.original);
    expect((await fetch(url)).status).toBe(200);
    const tampered = url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(url.replace(/\?sig=.*/, ''))).status).toBe(403);
  });

  it('stays incomplete with a missing part or a part of the wrong size', async () => {
    h = await startHarness({ partSizeBytes: PART_SIZE_BYTES });
    const data = randomBytesOf(10_000);
    const file = await createFile(h, h.sb.rootAssetId, 'a.bin', data.length);
    const n = file.upload_urls.length;
    for (const i of [0, 1]) {
      const body = partSlice(data, n, i);
      const url = file.upload_urls[i] ?? '';
      expect((await rawPut(url, partHeaders(file.filetype, body.length), body)).status).toBe(200);
    }
    expect((await getAsset(h, file.id)).upload_completed_at).toBeNull();

    // Last part one byte short: stored (S3 takes any size) but the asset must not complete.
    const last = partSlice(data, n, 2).subarray(1);
    const lastUrl = file.upload_urls[2] ?? '';
    expect((await rawPut(lastUrl, partHeaders(file.filetype, last.length), last)).status).toBe(200);
    expect((await getAsset(h, file.id)).upload_completed_at).toBeNull();

    // Re-PUT overwrites the part; now the sizes are right and it completes.
    const good = partSlice(data, n, 2);
    expect((await rawPut(lastUrl, partHeaders(file.filetype, good.length), good)).status).toBe(200);
    const done = await getAsset(h, file.id);
    expect(done.upload_completed_at).not.toBeNull();
    expect(Buffer.from(await (await fetch(String(done.original))).arrayBuffer()).equals(data)).toBe(true);
    expect(h.sb.stats().partPuts[file.id]?.[3]).toBe(2);
  });

  it('deletes a file and removes its stored parts', async () => {
    h = await startHarness({ partSizeBytes: PART_SIZE_BYTES });
    const data = randomBytesOf(5000);
    const file = await createFile(h, h.sb.rootAssetId, 'gone.bin', data.length);
    await uploadAll(file, data);
    const del = await h.api(`/assets/${file.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await h.api(`/assets/${file.id}`)).status).toBe(404);
    expect(existsSync(join(h.dataDir, 'parts', file.id))).toBe(false);
  });
});
