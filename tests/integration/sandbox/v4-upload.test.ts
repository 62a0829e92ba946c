// V4 local_upload on the sandbox: server-chosen part sizes (unequal on purpose, so only a client that PUTs each URL's
// own `size` completes), a server-decided media type, what V4 refuses, and a completion that lags the last PUT.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { type Json, putParts, startV4, type UploadUrl, type V4Harness } from './v4-support';

type Created = Json & { id: string; media_type: string; upload_urls: UploadUrl[] };

let h: V4Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function localUpload(harness: V4Harness, name: string, size: number, folderId = harness.sb.rootFolderId): Promise<Created> {
  const res = await harness.api(`/accounts/${harness.sb.accountId}/folders/${folderId}/files/local_upload`, { method: 'POST', json: { data: { name, file_size: size } } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { data: Created }).data;
}

const fileOf = async (harness: V4Harness, id: string) => (await harness.get<{ data: Json }>(`/accounts/${harness.sb.accountId}/files/${id}`)).data;
const statusOf = async (harness: V4Harness, id: string) => (await harness.get<{ data: Json }>(`/accounts/${harness.sb.accountId}/files/${id}/status`)).data;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Part i of `data` under the ceil rule: what a client that ignores `size` would send. */
function ceilSlices(data: Buffer, parts: number): Buffer[] {
  const chunk = Math.ceil(data.length / parts);
  return Array.from({ length: parts }, (_, i) => data.subarray(i * chunk, Math.min((i + 1) * chunk, data.length)));
}

async function originalBytes(harness: V4Harness, id: string): Promise<Buffer> {
  const asset = (await (await fetch(`${harness.sb.apiUrl}/assets/${id}`, { headers: { authorization: `Bearer ${harness.sb.token}` } })).json()) as Json;
  return Buffer.from(await (await fetch(String(asset.original))).arrayBuffer());
}

describe('sandbox V4: local_upload', () => {
  it('sizes the parts itself (a short first part), decides the media type, and completes only when each size was used', async () => {
    h = await startV4({ partSizeBytes: 4096, partPlan: 'short-first' });
    const data = randomBytes(10_000);
    const created = await localUpload(h, 'clip.mov', data.length);
    expect(created).toMatchObject({ type: 'file', status: 'created', file_size: 10_000, media_type: 'video/quicktime', parent_id: h.sb.rootFolderId });
    const sizes = created.upload_urls.map((p) => p.size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(sizes).toHaveLength(3);
    expect(sizes[0]).toBeLessThan(sizes[1] as number);
    expect(sizes).not.toEqual([3334, 3334, 3332]); // not the ceil rule a client might assume
    for (const { url } of created.upload_urls) expect(url).toContain('X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-acl');
    // Until the upload finished the media type is not known to listings (the spec: null until uploaded).
    expect(await fileOf(h, created.id)).toMatchObject({ status: 'created', media_type: null });

    expect(await putParts(created.upload_urls, created.media_type, data)).toEqual([200, 200, 200]);
    expect(await statusOf(h, created.id)).toMatchObject({ upload_complete: true, upload_failed: false, filetype: 'video/quicktime' });
    expect(await fileOf(h, created.id)).toMatchObject({ media_type: 'video/quicktime', file_size: 10_000 });
    expect(sha(await originalBytes(h, created.id))).toBe(sha(data));

    // A client that splits by the ceil rule instead: a slice longer than its part is refused (EntityTooLarge), the
    // shorter ones are stored, and the file never completes.
    const other = await localUpload(h, 'clip-2.mov', data.length);
    const slices = ceilSlices(data, other.upload_urls.length);
    const statuses: number[] = [];
    for (const [i, part] of other.upload_urls.entries()) {
      statuses.push((await fetch(part.url, { method: 'PUT', body: new Uint8Array(slices[i] as Buffer), headers: { 'content-type': other.media_type, 'x-amz-acl': 'private' } })).status);
    }
    expect(statuses).toEqual([400, 200, 200]);
    expect(await statusOf(h, other.id)).toMatchObject({ upload_complete: false, upload_completed_at: null });
    expect(await fileOf(h, other.id)).toMatchObject({ status: 'created' });
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('random sizes come from the seeded PRNG: unequal, summing to the file, the same again for the same seed', async () => {
    const plans: number[][] = [];
    for (let run = 0; run < 2; run++) {
      h = await startV4({ partSizeBytes: 1000, partPlan: 'random', partPlanSeed: 7 });
      const data = randomBytes(5_000);
      const created = await localUpload(h, 'take.bin', data.length);
      expect(created.media_type).toBe('application/octet-stream');
      const sizes = created.upload_urls.map((p) => p.size);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(5_000);
      expect(new Set(sizes).size).toBeGreaterThan(1);
      expect(Math.min(...sizes)).toBeGreaterThan(0);
      plans.push(sizes);
      expect(new Set(await putParts(created.upload_urls, created.media_type, data))).toEqual(new Set([200]));
      expect(await statusOf(h, created.id)).toMatchObject({ upload_complete: true });
      expect(sha(await originalBytes(h, created.id))).toBe(sha(data));
      await h.proxy.drained();
      expect(h.proxy.violations).toEqual([]);
      await h.close();
      h = undefined;
    }
    expect(plans[1]).toEqual(plans[0]);
  });

  it('refuses what V4 refuses with a 422 naming the field: an empty file, a media_type, a missing name', async () => {
    h = await startV4();
    const path = `/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files/local_upload`;
    const cases: Array<[unknown, string, string]> = [
      [{ data: { name: 'empty.mov', file_size: 0 } }, '/data/file_size', 'file_size must be >= 1'],
      [{ data: { name: 'clip.mov', file_size: 10, media_type: 'video/quicktime' } }, '/data/media_type', 'must NOT have additional properties'],
      [{ data: { file_size: 10 } }, '/data/name', "must have required property 'name'"],
    ];
    for (const [body, pointer] of cases) {
      const res = await h.api(path, { method: 'POST', json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const error = (await res.json()) as { errors: Array<{ detail: string; title: string; source: { pointer: string } }> };
      expect(error.errors[0]?.source.pointer).toBe(pointer);
      expect(error.errors[0]?.title).toBe('Unprocessable Content');
    }
    await h.proxy.drained();
    // The checker flags each request as the spec forbids it (that is the point); every answer conforms.
    expect(h.proxy.violations).toHaveLength(cases.length);
    cases.forEach(([, , why], i) => expect(h?.proxy.violations[i]).toMatch(new RegExp(`request \\(files\\.create_local_upload\\).*${why}`)));
  });

  it('completion lags the last part by completionLagMs: polling sees created, then uploaded, then transcoded', async () => {
    const lagMs = 600;
    h = await startV4({ completionLagMs: lagMs });
    const list = `/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files`;
    const listed = async () => (await h!.get<{ data: Json[] }>(list)).data.find((f) => f.id === created.id);
    // The checker compiles a validator on an operation's first use, in this process (the sandbox's too): the calls
    // polled below are made once first, so no compile stalls the sandbox inside the lag.
    const seeded = String((await h.get<{ data: Json[] }>(list)).data[0]?.id);
    await statusOf(h, seeded);
    const data = randomBytes(2_000);
    const created = await localUpload(h, 'still.png', data.length);
    expect(created.media_type).toBe('image/png');
    await h.proxy.drained();
    expect(await putParts(created.upload_urls, created.media_type, data)).toEqual([200]);
    const stored = Date.now();
    expect(await statusOf(h, created.id)).toMatchObject({ upload_complete: false });
    expect(await listed()).toMatchObject({ status: 'created' });
    await waitFor(async () => (await statusOf(h!, created.id)).upload_complete === true, 'the upload to complete');
    expect(Date.now() - stored).toBeGreaterThanOrEqual(lagMs - 50);
    expect(['uploaded', 'transcoded']).toContain((await listed())?.status);
    await waitFor(async () => (await listed())?.status === 'transcoded', 'the file to be transcoded');
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });
});
