import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { createFile, getAsset, partHeaders, partSlice, randomBytesOf, rawPut, startHarness, uploadAll, xmlCode, type Harness } from './helpers.js';
import { TcpProxy } from '../../support/tcp-proxy.js';

describe('sandbox storagePublicUrl (a proxy in front of local storage)', () => {
  let h: Harness | undefined;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await proxy?.unplug();
    proxy = undefined;
    await h?.close();
    h = undefined;
  });

  async function startBehindProxy(): Promise<{ h: Harness; proxy: TcpProxy }> {
    proxy = new TcpProxy();
    await proxy.plug();
    h = await startHarness({ storagePublicUrl: proxy.origin, partSizeBytes: 64 * 1024 });
    proxy.targetPort = Number(new URL(h.sb.storageListenUrl).port);
    return { h, proxy };
  }

  it('signs upload URLs for the public origin; PUTs through the proxy complete the asset', async () => {
    const { h, proxy } = await startBehindProxy();
    expect(h.sb.storageUrl).toBe(proxy.origin);
    expect(h.sb.storageListenUrl).not.toBe(proxy.origin);
    const data = randomBytesOf(200_000);
    const file = await createFile(h, h.sb.rootAssetId, 'proxied.bin', data.length, 'video/mp4');
    expect(file.upload_urls).toHaveLength(4);
    for (const url of file.upload_urls) expect(new URL(url).origin).toBe(proxy.origin);

    expect((await uploadAll(file, data)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const done = await getAsset(h, file.id);
    expect(done.upload_completed_at).not.toBeNull();
    expect(Buffer.from(await (await fetch(String(done.original))).arrayBuffer()).equals(data)).toBe(true);
  });

  it('unplugging the proxy fails PUTs; plugging it back in lets the same URL succeed', async () => {
    const { h, proxy } = await startBehindProxy();
    const data = randomBytesOf(1000);
    const file = await createFile(h, h.sb.rootAssetId, 'outage.bin', data.length);
    const url = file.upload_urls[0] ?? '';
    const headers = partHeaders(file.filetype, data.length);

    await proxy.unplug();
    await expect(rawPut(url, headers, data)).rejects.toThrow(/ECONNREFUSED/);
    await proxy.plug();
    expect((await rawPut(url, headers, data)).status).toBe(200);
    expect((await getAsset(h, file.id)).upload_completed_at).not.toBeNull();
  });

  it('the storage server verifies against the Host it receives: the URL sent straight to it does not match', async () => {
    const { h } = await startBehindProxy();
    const data = randomBytesOf(10);
    const file = await createFile(h, h.sb.rootAssetId, 'direct.bin', data.length);
    const direct = new URL(file.upload_urls[0] ?? '');
    const listen = new URL(h.sb.storageListenUrl);
    direct.host = listen.host;
    const res = await rawPut(direct.toString(), partHeaders(file.filetype, data.length), partSlice(data, 1, 0));
    expect(res.status).toBe(403);
    expect(xmlCode(res.body)).toBe('SignatureDoesNotMatch');
  });

  it('without the option storageUrl and storageListenUrl are the same listening origin', async () => {
    h = await startHarness();
    expect(h.sb.storageUrl).toBe(h.sb.storageListenUrl);
    expect(h.sb.storageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a non-origin URL and refuses the option in external S3 mode', async () => {
    await expect(startSandbox({ storagePublicUrl: 'http://127.0.0.1:9/prefix' })).rejects.toThrow(/origin/);
    await expect(startSandbox({ storagePublicUrl: 'ftp://127.0.0.1:9' })).rejects.toThrow(/origin/);
    await expect(
      startSandbox({ storagePublicUrl: 'http://127.0.0.1:9', s3: { endpoint: 'http://127.0.0.1:1', accessKey: 'a', secretKey: 'b' } }),
    ).rejects.toThrow(/local storage only/);
  });
});
