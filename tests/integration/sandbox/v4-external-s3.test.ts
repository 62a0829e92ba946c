// V4 local_upload with external S3 (Ceph radosgw from the integration global setup, or FERRY_S3_* for another):
// unequal server-chosen parts PUT straight to a real S3 server, completion noticed when the status is read.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, expect, inject, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { type Json, putParts, startV4, type UploadUrl, type V4Harness } from './v4-support';

function s3Target(): { endpoint: string; accessKey: string; secretKey: string } {
  const { FERRY_S3_ENDPOINT, FERRY_S3_ACCESS_KEY, FERRY_S3_SECRET_KEY } = process.env;
  if (FERRY_S3_ENDPOINT && FERRY_S3_ACCESS_KEY && FERRY_S3_SECRET_KEY) {
    return { endpoint: FERRY_S3_ENDPOINT, accessKey: FERRY_S3_ACCESS_KEY, secretKey: FERRY_S3_SECRET_KEY };
  }
  return inject('radosgw');
}

let h: V4Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('V4 parts of unequal sizes go to a real S3 server; the file completes when its status is read', async () => {
  const bucket = `ferry-sb-v4-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  h = await startV4({ s3: { ...s3Target(), bucket }, partSizeBytes: 64 * 1024, partPlan: 'random', partPlanSeed: 5 });
  const data = randomBytes(300_000);
  const res = await h.api(`/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files/local_upload`, { method: 'POST', json: { data: { name: 'scan.tif', file_size: data.length } } });
  expect(res.status).toBe(201);
  const created = ((await res.json()) as { data: { id: string; media_type: string; upload_urls: UploadUrl[] } }).data;
  expect(created.media_type).toBe('image/tiff');
  expect(created.upload_urls[0]?.url.startsWith(s3Target().endpoint)).toBe(true);
  expect(new Set(created.upload_urls.map((p) => p.size)).size).toBeGreaterThan(1);
  expect(new Set(await putParts(created.upload_urls, created.media_type, data))).toEqual(new Set([200]));
  const status = `/accounts/${h.sb.accountId}/files/${created.id}/status`;
  await waitFor(async () => (await h!.get<{ data: Json }>(status)).data.upload_complete === true, 'the external upload to complete');
  const asset = (await (await fetch(`${h.sb.apiUrl}/assets/${created.id}`, { headers: { authorization: `Bearer ${h.sb.token}` } })).json()) as Json;
  const stitched = Buffer.from(await (await fetch(String(asset.original))).arrayBuffer());
  expect(createHash('sha256').update(stitched).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  await h.proxy.drained();
  expect(h.proxy.violations).toEqual([]);
});
