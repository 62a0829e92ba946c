// What a sandbox leaves behind when clients vanish or close() comes mid-request: no open part files, no late writes.
import { readdirSync, readFileSync, readlinkSync, watch } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { createFile, getAsset, partHeaders, partSlice, rawPut, startHarness, tcpSockets, uploadAll, type Harness } from './helpers.js';

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

/** File-system requests this process has in flight (a handler listing, stat-ing, reading or writing). */
function fsRequestsInFlight(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith('FSReq')).length;
}

/**
 * Back-pressure on the wire between a client on `clientPort` and a server on `serverPort`: the kernel holds bytes
 * the client has not read, and the server has bytes it could not hand over (the client's window is full).
 */
function heldByBackPressure(clientPort: number, serverPort: number): boolean {
  const sockets = tcpSockets();
  const client = sockets.find((s) => s.localPort === clientPort && s.remotePort === serverPort);
  const server = sockets.find((s) => s.localPort === serverPort && s.remotePort === clientPort);
  return (client?.rxQueue ?? 0) > 0 && (server?.txQueue ?? 0) > 0;
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

    let clientPort = 0;
    const req = get(original, (res) => res.pause()); // never reads: a client that stalls, then goes away
    req.on('error', () => undefined);
    req.on('socket', (socket) => socket.once('connect', () => (clientPort = socket.localPort ?? 0)));
    await waitFor(() => openFilesUnder(partsDir) > 0, 'the server to open the part files', 5000);
    const serverPort = Number(new URL(original).port);
    await waitFor(() => clientPort > 0 && heldByBackPressure(clientPort, serverPort), 'back-pressure between the stalled client and the server', 5000);
    expect(openFilesUnder(partsDir)).toBeGreaterThan(0);
    req.destroy();
    await waitFor(() => openFilesUnder(partsDir) === 0, 'the part files to be released', 3000);
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
    // A handler still recording after close() would be listing and stat-ing the parts now: once no file-system
    // request is in flight it has had its chance to write. (A save() it scheduled is a no-op on the closed Store:
    // tests/unit/sandbox/state-writes.test.ts.)
    await waitFor(() => fsRequestsInFlight() === 0, 'file-system work in flight to end', 5000);
    expect(readFileSync(join(dataDir, 'state.json'), 'utf8')).toBe(stateAtClose);
    const asset = (JSON.parse(stateAtClose) as { assets: Record<string, { uploadCompletedAt: string | null }> }).assets[file.id];
    expect(asset?.uploadCompletedAt).not.toBeNull();
  });
});
