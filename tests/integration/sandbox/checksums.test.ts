import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFile, getAsset, randomBytesOf, startHarness, uploadAll, waitForChecksum, xxHash64Of, type Harness } from './helpers.js';

type Json = Record<string, unknown>;

describe('sandbox checksums.xx_hash', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function start(opts: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
    const h = await startHarness(opts);
    cleanup.push(() => h.close());
    return h;
  }

  it('a multi-part upload gets the xxHash64 of its stitched bytes; null before completion', async () => {
    const h = await start({ partSizeBytes: 64 * 1024 });
    const data = randomBytesOf(300_001);
    const file = await createFile(h, h.sb.rootAssetId, 'hashed.bin', data.length);
    expect(file.upload_urls).toHaveLength(5);
    expect((file as unknown as Json).checksums).toBeNull();
    expect((await getAsset(h, file.id)).checksums).toBeNull();

    expect((await uploadAll(file, data)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const hash = await waitForChecksum(h, file.id);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hash).toBe(await xxHash64Of(data));
  });

  it('seeded completed files carry the checksum of their original bytes', async () => {
    const h = await start();
    const children = (await (await h.api(`/assets/${h.sb.rootAssetId}/children`)).json()) as Json[];
    const welcome = children.find((c) => c.name === 'welcome.txt');
    const bytes = Buffer.from(await (await fetch(String(welcome?.original))).arrayBuffer());
    expect(await waitForChecksum(h, String(welcome?.id))).toBe(await xxHash64Of(bytes));
    // Folders never have one.
    expect(children.filter((c) => c.type === 'folder').every((c) => c.checksums === null)).toBe(true);
  });

  it('the checksum is persisted in state and a version stack shows its head file\'s', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ferry-sb-sum-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const first = await startHarness({ dataDir, partSizeBytes: 1024 });
    let firstOpen = true;
    cleanup.push(async () => {
      if (firstOpen) await first.close();
    });
    const v1 = randomBytesOf(3000, 1);
    const v2 = randomBytesOf(2500, 2);
    const a = await createFile(first, first.sb.rootAssetId, 'cut_v1.mov', v1.length);
    const b = await createFile(first, first.sb.rootAssetId, 'cut_v2.mov', v2.length);
    await uploadAll(a, v1);
    await uploadAll(b, v2);
    const hashB = await waitForChecksum(first, b.id);
    await waitForChecksum(first, a.id);
    firstOpen = false;
    await first.close();

    const state = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as { assets: Record<string, { xxHash: string | null }> };
    expect(state.assets[b.id]?.xxHash).toBe(await xxHash64Of(v2));

    const second = await start({ dataDir });
    const stack = (await (await second.api(`/assets/${a.id}/version`, { method: 'POST', json: { next_asset_id: b.id } })).json()) as Json;
    expect(stack.type).toBe('version_stack');
    expect(stack.checksums).toEqual({ xx_hash: hashB });
  });
});
