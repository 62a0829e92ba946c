import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { createFile, getAsset, randomBytesOf, startHarness, uploadAll, waitForChecksum, xxHash64Of, type Harness } from './helpers.js';

type Json = Record<string, unknown>;

describe('sandbox versions and remote import', () => {
  let h: Harness | undefined;
  let source: Server | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    if (source) {
      source.closeAllConnections();
      await new Promise((r) => source?.close(r));
      source = undefined;
    }
  });

  async function folderWithTwoFiles(): Promise<{ folder: Json; a: Json; b: Json; c: Json }> {
    if (!h) throw new Error('no sandbox');
    const folder = (await (await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'folder', name: 'V' } })).json()) as Json;
    const fid = String(folder.id);
    const a = await createFile(h, fid, 'cut_v1.mov', 10);
    const between = await createFile(h, fid, 'other.mov', 10);
    const b = await createFile(h, fid, 'cut_v2.mov', 10);
    return { folder, a: a as unknown as Json, b: b as unknown as Json, c: between as unknown as Json };
  }

  it('target a file → a new version_stack in its place holding both; target the stack → appended', async () => {
    h = await startHarness();
    const { folder, a, b, c } = await folderWithTwoFiles();
    const res = await h.api(`/assets/${String(a.id)}/version`, { method: 'POST', json: { next_asset_id: b.id } });
    expect(res.status).toBe(200);
    const stack = (await res.json()) as Json;
    expect(stack.type).toBe('version_stack');
    expect(stack.id).not.toBe(a.id);
    expect(stack).toMatchObject({ parent_id: folder.id, item_count: 2, cover_asset_id: b.id, name: 'cut_v2.mov' });

    const children = (await (await h.api(`/assets/${String(folder.id)}/children`)).json()) as Json[];
    expect(children.map((x) => x.id)).toEqual([stack.id, c.id]);
    const versions = (await (await h.api(`/assets/${String(stack.id)}/children`)).json()) as Json[];
    expect(versions.map((x) => [x.id, x.parent_id])).toEqual([[a.id, stack.id], [b.id, stack.id]]);

    const d = await createFile(h, String(folder.id), 'cut_v3.mov', 10);
    const appended = (await (await h.api(`/assets/${String(stack.id)}/version`, { method: 'POST', json: { next_asset_id: d.id } })).json()) as Json;
    expect(appended).toMatchObject({ id: stack.id, item_count: 3, cover_asset_id: d.id });

    const intoStack = await h.api(`/assets/${String(stack.id)}/children`, { method: 'POST', json: { type: 'file', name: 'x', filetype: 'video/mp4', filesize: 1 } });
    expect(intoStack.status).toBe(422);
    const self = await h.api(`/assets/${String(c.id)}/version`, { method: 'POST', json: { next_asset_id: c.id } });
    expect(self.status).toBe(422);
    const unknown = await h.api(`/assets/${String(c.id)}/version`, { method: 'POST', json: { next_asset_id: 'nope' } });
    expect(unknown.status).toBe(404);
  });

  it('imports a remote http URL into the asset original; a failing URL leaves an error state', async () => {
    const payload = randomBytesOf(50_000);
    source = createServer((req, res) => {
      if (req.url === '/clip.mp4') {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': payload.length });
        res.end(payload);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => source?.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    h = await startHarness();
    const sb = h;

    const created = (await (await sb.api(`/assets/${sb.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'file', name: 'remote.mp4', source: { url: `${base}/clip.mp4` } } })).json()) as Json;
    expect(created.upload_urls).toBeUndefined();
    await waitFor(async () => (await getAsset(sb, String(created.id))).upload_completed_at !== null, 'the import to complete', 5000);
    const done = await getAsset(sb, String(created.id));
    expect(done).toMatchObject({ filesize: payload.length, filetype: 'video/mp4', source: { status: 'complete' } });
    expect(Buffer.from(await (await fetch(String(done.original))).arrayBuffer()).equals(payload)).toBe(true);
    expect(await waitForChecksum(sb, String(created.id))).toBe(await xxHash64Of(payload));

    const broken = (await (await sb.api(`/assets/${sb.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'file', name: 'gone.mp4', source: { url: `${base}/missing` } } })).json()) as Json;
    await waitFor(async () => ((await getAsset(sb, String(broken.id))).source as Json).status === 'error', 'the broken import to fail', 5000);
    const failed = await getAsset(sb, String(broken.id));
    expect(failed.upload_completed_at).toBeNull();
    expect(String((failed.source as Json).error)).toContain('404');
  });

  it('uploading then versioning keeps the stack showing the newest complete file', async () => {
    h = await startHarness({ partSizeBytes: 4 });
    const { a, b } = await folderWithTwoFiles();
    const bytes = randomBytesOf(10);
    await uploadAll(b as never, bytes);
    const stack = (await (await h.api(`/assets/${String(a.id)}/version`, { method: 'POST', json: { next_asset_id: b.id } })).json()) as Json;
    expect(stack.upload_completed_at).not.toBeNull();
    expect(Buffer.from(await (await fetch(String(stack.original))).arrayBuffer()).equals(bytes)).toBe(true);
  });
});
