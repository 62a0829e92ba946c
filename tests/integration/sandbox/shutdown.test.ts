// What a sandbox leaves behind when clients vanish or close() comes mid-request: no open part files, no late writes.
import { readdirSync, readFileSync, readlinkSync, watch } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFile, getAsset, partHeaders, partSlice, rawPut, sleep, startHarness, uploadAll, waitFor, type Harness } from './helpers.js';

const MiB = 1024 * 1024;

/** Open file descriptors of this process (the sandbox runs in it) that point below `dir`. */
function openFilesUnder(dir: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir)) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

describe('sandbox shutdown and disconnects', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a download client that disconnects mid-file releases the part files', async () => {
    h = await startHarness({ partSizeBytes: 8 * MiB });
    // Big enough that the paused client fills the socket buffers and the server is held by back-pressure.
    const data = Buffer.alloc(32 * MiB, 5);
    const file = await createFile(h, h.sb.rootAssetId, 'big.bin', data.length);
    expect((await uploadAll(file, data)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const original = String((await getAsset(h, file.id)).original);
    const partsDir = join(h.dataDir, 'parts');

    const req = get(original, (res) => res.pause()); // never reads: a client that stalls, then goes away
    req.on('error', () => undefined);
    expect(await waitFor(() => openFilesUnder(partsDir) > 0, 5000)).toBe(true);
    await sleep(200); // let back-pressure build up
    expect(openFilesUnder(partsDir)).toBeGreaterThan(0);
    req.destroy();
    expect(await waitFor(() => openFilesUnder(partsDir) === 0, 3000)).toBe(true);
  });

  it('close() waits for a part upload that is being recorded; nothing writes state after it', async () => {
    h = await startHarness({ partSizeBytes: 1024 });
    const { dataDir } = h;
    // Many parts: recording the last one lists and stats all of them, a window in which close() arrives.
    const parts = 300;
    const data = Buffer.alloc(parts * 1024, 9);
    const file = await createFile(h, h.sb.rootAssetId, 'many.bin', data.length);
    const urls = file.upload_urls;
    for (let i = 0; i < parts - 1; i += 50) {
      const batch = urls.slice(i, Math.min(i + 50, parts - 1));
      const results = await Promise.all(batch.map((url, j) => rawPut(url, partHeaders(file.filetype, 1024), partSlice(data, parts, i + j))));
      expect(results.every((r) => r.status === 200)).toBe(true);
    }
    const sb = h.sb;
    const watcher = watch(join(dataDir, 'parts', file.id));
    const closed = new Promise<void>((resolve, reject) => {
      // The last part was renamed into place: its handler is now recording it. Close right then.
      watcher.on('change', (_event, name) => {
        if (name !== `part_${parts}`) return;
        watcher.close();
        sb.close().then(resolve, reject);
      });
    });
    const last = urls[parts - 1] ?? '';
    rawPut(last, partHeaders(file.filetype, 1024), partSlice(data, parts, parts - 1)).catch(() => undefined);
    await closed;
    const stateAtClose = readFileSync(join(dataDir, 'state.json'), 'utf8');
    await sleep(300);
    expect(readFileSync(join(dataDir, 'state.json'), 'utf8')).toBe(stateAtClose);
    const asset = (JSON.parse(stateAtClose) as { assets: Record<string, { uploadCompletedAt: string | null }> }).assets[file.id];
    expect(asset?.uploadCompletedAt).not.toBeNull();
  });
});
