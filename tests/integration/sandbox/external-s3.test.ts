// External mode against a real S3 server (Ceph radosgw). The integration global setup provides one as
// `radosgw`; FERRY_S3_ENDPOINT / FERRY_S3_ACCESS_KEY / FERRY_S3_SECRET_KEY point at another. Without either the
// suite fails: a missing S3 server must never pass as a skip.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import {
  createFile, getAsset, ownSocketInodes, partHeaders, partSlice, randomBytesOf, rawPut, startHarness, tcpSockets, uploadAll, waitForChecksum, xmlCode,
  xxHash64Of, type Harness,
} from './helpers.js';

/** Established TCP connections of this process (the sandbox runs in it) to `port`, from /proc. */
function connectionsTo(port: number): number {
  const ours = ownSocketInodes();
  return tcpSockets().filter((s) => s.remotePort === port && s.state === '01' && ours.has(s.inode)).length;
}

function s3Target(): { endpoint: string; accessKey: string; secretKey: string } {
  const { FERRY_S3_ENDPOINT, FERRY_S3_ACCESS_KEY, FERRY_S3_SECRET_KEY } = process.env;
  if (FERRY_S3_ENDPOINT && FERRY_S3_ACCESS_KEY && FERRY_S3_SECRET_KEY) {
    return { endpoint: FERRY_S3_ENDPOINT, accessKey: FERRY_S3_ACCESS_KEY, secretKey: FERRY_S3_SECRET_KEY };
  }
  return inject('radosgw');
}

const target = s3Target();

describe('sandbox with external S3 storage', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function start(): Promise<Harness> {
    // A fresh bucket per test proves the sandbox creates missing buckets.
    const bucket = `ferry-sb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    return startHarness({ s3: { ...target, bucket }, partSizeBytes: 64 * 1024 });
  }

  it('presigns against the external endpoint; the real server accepts our parts and the asset completes on read', async () => {
    h = await start();
    expect(h.sb.storageUrl).toBe(target?.endpoint.replace(/\/+$/, ''));
    const data = randomBytesOf(200_000);
    const file = await createFile(h, h.sb.rootAssetId, 'ext.bin', data.length, 'video/mp4');
    expect(file.upload_urls).toHaveLength(4);
    expect(new URL(file.upload_urls[0] ?? '').searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-acl');

    const [first, ...rest] = file.upload_urls;
    const body0 = partSlice(data, 4, 0);
    expect((await rawPut(first ?? '', partHeaders('video/mp4', body0.length), body0)).status).toBe(200);
    expect((await getAsset(h, file.id)).upload_completed_at).toBeNull();

    expect(rest).toHaveLength(3);
    const results = await uploadAll(file, data); // re-PUTs part 1: overwriting is allowed
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const done = await getAsset(h, file.id);
    expect(done.upload_completed_at).not.toBeNull();
    const bytes = Buffer.from(await (await fetch(String(done.original))).arrayBuffer());
    expect(bytes.equals(data)).toBe(true);
    // Hashed from the bucket once the read above noticed completion.
    expect(await waitForChecksum(h, file.id)).toBe(await xxHash64Of(data));
  });

  it('the real server rejects a tampered URL and a wrong content-type', async () => {
    h = await start();
    const file = await createFile(h, h.sb.rootAssetId, 'x.bin', 10, 'video/mp4');
    const body = Buffer.alloc(10);
    const wrongType = await rawPut(file.upload_urls[0] ?? '', partHeaders('text/plain', 10), body);
    expect(wrongType.status).toBe(403);
    expect(xmlCode(wrongType.body)).toBe('SignatureDoesNotMatch');
  });

  it('close() drops every connection the sandbox opened to the S3 server', async () => {
    const { port, protocol } = new URL(target.endpoint);
    const s3Port = Number(port || (protocol === 'https:' ? 443 : 80));
    const before = connectionsTo(s3Port);
    h = await start(); // creates the bucket and seeds it: keep-alive connections from the sandbox's client
    const children = (await (await h.api(`/assets/${h.sb.rootAssetId}/children`)).json()) as Array<Record<string, unknown>>;
    await (await fetch(String(children.find((c) => c.name === 'welcome.txt')?.original))).text();
    expect(connectionsTo(s3Port)).toBeGreaterThan(before);
    await h.close();
    h = undefined;
    await waitFor(() => connectionsTo(s3Port) <= before, 'the connections to the S3 server to close', 2000);
  });

  it('serves the seeded originals from the bucket', async () => {
    h = await start();
    const children = (await (await h.api(`/assets/${h.sb.rootAssetId}/children`)).json()) as Array<Record<string, unknown>>;
    const welcome = children.find((c) => c.name === 'welcome.txt');
    const text = await (await fetch(String(welcome?.original))).text();
    expect(text).toContain('Ferry sandbox');
    expect(await waitForChecksum(h, String(welcome?.id))).toBe(await xxHash64Of(Buffer.from(text)));
  });
});
