import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFile, getAsset, randomBytesOf, startHarness, uploadAll, type Harness } from './helpers.js';

function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('sandbox lifecycle', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-sb-life-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function start(opts: Parameters<typeof startHarness>[0]): Promise<Harness> {
    const h = await startHarness(opts);
    cleanup.push(() => h.close());
    return h;
  }

  it('restart with the same dataDir keeps assets, completed uploads and the token; reset reseeds', async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir, partSizeBytes: 1024 });
    const data = randomBytesOf(3000);
    const file = await createFile(first, first.sb.rootAssetId, 'keep.bin', data.length);
    await uploadAll(file, data);
    await first.close();

    const second = await start({ dataDir });
    expect(second.sb.token).toBe(first.sb.token);
    expect(second.sb.rootAssetId).toBe(first.sb.rootAssetId);
    const kept = await getAsset(second, file.id);
    expect(kept.upload_completed_at).not.toBeNull();
    const bytes = Buffer.from(await (await fetch(String(kept.original))).arrayBuffer());
    expect(bytes.equals(data)).toBe(true);
    await second.close();

    const third = await start({ dataDir, reset: true });
    expect(third.sb.token).not.toBe(first.sb.token);
    expect((await third.api(`/assets/${file.id}`)).status).toBe(404);
  });

  it('uses a given token', async () => {
    const h = await start({ token: 'fio-u-test-token' });
    expect(h.sb.token).toBe('fio-u-test-token');
    expect((await fetch(`${h.sb.apiUrl}/me`, { headers: { authorization: 'Bearer fio-u-test-token' } })).status).toBe(200);
  });

  it('close() leaves no listening socket, even with a keep-alive connection open', async () => {
    const h = await startHarness();
    const res = await h.api('/me'); // fetch keeps the connection alive
    expect(res.status).toBe(200);
    expect(await canConnect(h.sb.apiUrl)).toBe(true);
    expect(await canConnect(h.sb.storageUrl)).toBe(true);
    await h.close();
    expect(await canConnect(h.sb.apiUrl)).toBe(false);
    expect(await canConnect(h.sb.storageUrl)).toBe(false);
  });

  it('logs requests without the token', async () => {
    const lines: string[] = [];
    const h = await start({ log: (l) => lines.push(l) });
    await h.api('/me');
    expect(lines.some((l) => l.includes('GET /v2/me 200'))).toBe(true);
    expect(lines.join('\n')).not.toContain(h.sb.token);
  });
});
