// A remote upload reads its source only up to the most Frame.io takes (50 GB; a smaller cap here), whether the source
// says its length or not: past it the import fails with a reason and nothing is kept (before, any size was read to
// disk). And only a few are fetched at once (before, every one created started its download at once).
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REMOTE_IMPORT_MAX_BYTES, REMOTE_IMPORTS_AT_ONCE } from '../../../src/sandbox/remote-import.js';
import { waitFor } from '../../support/wait.js';
import { getAsset, randomBytesOf, startHarness, type Harness } from './helpers.js';

const CAP = 64 * 1024;
let h: Harness | undefined;
let source: Server | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  source?.closeAllConnections();
  await new Promise((r) => (source ? source.close(r) : r(undefined)));
  source = undefined;
});

describe('remote upload size', () => {
  it('is 50 GB at most outside tests', () => {
    expect(REMOTE_IMPORT_MAX_BYTES).toBe(50e9);
  });

  it('a source past the cap fails the import, with or without Content-Length; one at the cap is taken', async () => {
    const payload = randomBytesOf(CAP + 1);
    source = createServer((req, res) => {
      if (req.url === '/sized') res.writeHead(200, { 'content-length': payload.length }).end(payload);
      else if (req.url === '/unsized') {
        res.writeHead(200); // chunked: the length shows only as the bytes arrive
        res.write(payload.subarray(0, CAP));
        res.end(payload.subarray(CAP));
      } else res.writeHead(200, { 'content-length': CAP }).end(payload.subarray(0, CAP));
    });
    await new Promise<void>((r) => source?.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    h = await startHarness({}, { remoteImportMaxBytes: CAP });
    const harness = h;
    const start = async (path: string): Promise<string> => {
      const res = await harness.api(`/assets/${harness.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'file', name: `${path}.mp4`, source: { url: `${base}/${path}` } } });
      return String(((await res.json()) as { id: string }).id);
    };
    const status = async (id: string) => (await getAsset(harness, id)).source as { status: string; error: string | null };
    for (const path of ['sized', 'unsized']) {
      const id = await start(path);
      await waitFor(async () => (await status(id)).status !== 'pending', `the ${path} import to end`, 10_000);
      expect(await status(id), path).toMatchObject({ status: 'error', error: expect.stringMatching(/larger than 65536 bytes/) as unknown });
      expect(readdirSync(join(harness.dataDir, 'parts')).includes(id), path).toBe(false);
    }
    const fits = await start('fits');
    await waitFor(async () => (await status(fits)).status !== 'pending', 'the import at the cap to end', 10_000);
    expect(await getAsset(harness, fits)).toMatchObject({ filesize: CAP, source: { status: 'complete' } });
  });

  it(`fetches at most ${REMOTE_IMPORTS_AT_ONCE} sources at once; the others wait their turn and all complete`, async () => {
    const held: (() => void)[] = [];
    let open = 0;
    let most = 0;
    source = createServer((_req, res) => {
      open += 1;
      most = Math.max(most, open);
      held.push(() => {
        open -= 1;
        res.writeHead(200, { 'content-length': 3 }).end('abc');
      });
    });
    await new Promise<void>((r) => source?.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    h = await startHarness();
    const harness = h;
    const ids: string[] = [];
    for (let i = 0; i < REMOTE_IMPORTS_AT_ONCE + 3; i++) {
      const res = await harness.api(`/assets/${harness.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'file', name: `r${i}.mp4`, source: { url: `${base}/${i}` } } });
      ids.push(String(((await res.json()) as { id: string }).id));
    }
    await waitFor(() => held.length === REMOTE_IMPORTS_AT_ONCE, `${REMOTE_IMPORTS_AT_ONCE} sources to be asked`, 10_000);
    // Let them go one by one: each one that ends lets one waiting import start.
    let answered = 0;
    await waitFor(() => {
      while (held.length > 0) {
        held.shift()?.();
        answered += 1;
      }
      return answered === ids.length;
    }, 'every source to be asked and answered', 10_000);
    for (const id of ids) await waitFor(async () => (await getAsset(harness, id)).upload_completed_at !== null, `import ${id} to complete`, 10_000);
    expect(most).toBe(REMOTE_IMPORTS_AT_ONCE);
  });
});
