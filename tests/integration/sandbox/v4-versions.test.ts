// V4 version stacks, remote upload and delete on the sandbox, all over the store V2 reads too.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { type Json, putParts, startV4, type UploadUrl, type V4Harness } from './v4-support';

type List = { data: Json[]; links: { next: string | null } };

let h: V4Harness | undefined;
let source: Server | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await new Promise<void>((resolve) => (source ? source.close(() => resolve()) : resolve()));
  source = undefined;
});

const v2 = async (harness: V4Harness, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${harness.sb.apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${harness.sb.token}`, ...init.headers } });

async function newFolder(harness: V4Harness, name: string): Promise<string> {
  const res = await harness.api(`/accounts/${harness.sb.accountId}/folders/${harness.sb.rootFolderId}/folders`, { method: 'POST', json: { data: { name } } });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { data: Json }).data.id);
}

/** A complete file in `folder`, uploaded through its URLs. */
async function uploaded(harness: V4Harness, folder: string, name: string, size = 100): Promise<string> {
  const res = await harness.api(`/accounts/${harness.sb.accountId}/folders/${folder}/files/local_upload`, { method: 'POST', json: { data: { name, file_size: size } } });
  const created = ((await res.json()) as { data: { id: string; media_type: string; upload_urls: UploadUrl[] } }).data;
  expect(new Set(await putParts(created.upload_urls, created.media_type, randomBytes(size)))).toEqual(new Set([200]));
  return created.id;
}

describe('sandbox V4: version stacks, remote upload, delete', () => {
  it('makes a stack of two files (oldest first), appends a third with move, and V2 sees the same stack', async () => {
    h = await startV4();
    const { accountId } = h.sb;
    const folder = await newFolder(h, 'Cuts');
    const [v1, v2id, v3] = [await uploaded(h, folder, 'cut_v1.mov'), await uploaded(h, folder, 'cut_v2.mov'), await uploaded(h, folder, 'cut_v3.mov')];
    const made = await h.api(`/accounts/${accountId}/folders/${folder}/version_stacks`, { method: 'POST', json: { data: { file_ids: [v1, v2id] } } });
    expect(made.status).toBe(201);
    const stack = ((await made.json()) as { data: Json & { head_version: Json } }).data;
    expect(stack).toMatchObject({ type: 'version_stack', parent_id: folder, name: 'cut_v2.mov' });
    expect(stack.head_version).toMatchObject({ id: v2id, parent_id: stack.id });
    const kinds = async () => (await h!.get<List>(`/accounts/${accountId}/folders/${folder}/children`)).data.map((a) => `${String(a.type)}:${String(a.name)}`);
    expect(await kinds()).toEqual(['version_stack:cut_v2.mov', 'file:cut_v3.mov']);

    const moved = await h.api(`/accounts/${accountId}/files/${v3}/move`, { method: 'PATCH', json: { data: { parent_id: stack.id } } });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { data: Json }).data).toMatchObject({ id: v3, parent_id: stack.id });
    expect(await kinds()).toEqual(['version_stack:cut_v3.mov']);
    const shown = (await h.get<{ data: { head_version: Json } }>(`/accounts/${accountId}/version_stacks/${String(stack.id)}`)).data;
    expect(shown.head_version.id).toBe(v3);
    const versions = (await h.get<List>(`/accounts/${accountId}/version_stacks/${String(stack.id)}/children`)).data;
    expect(versions.map((v) => v.id)).toEqual([v1, v2id, v3]);
    expect((await h.get<List>(`/accounts/${accountId}/folders/${folder}/version_stacks`)).data.map((s) => s.id)).toEqual([stack.id]);

    const asV2 = (await (await v2(h, `/assets/${String(stack.id)}`)).json()) as Json;
    expect(asV2).toMatchObject({ _type: 'version_stack', type: 'version_stack', cover_asset_id: v3, item_count: 3 });
    expect(asV2.cover_asset).toMatchObject({ _type: 'file', id: v3 });

    // Moving the newest version back out into the folder leaves a stack of two.
    expect((await h.api(`/accounts/${accountId}/files/${v3}/move`, { method: 'PATCH', json: { data: { parent_id: folder } } })).status).toBe(200);
    expect(await kinds()).toEqual(['version_stack:cut_v2.mov', 'file:cut_v3.mov']);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('refuses stacks of files from elsewhere and moves to a non-folder with 422s that point at the field', async () => {
    h = await startV4();
    const { accountId, rootFolderId } = h.sb;
    const folder = await newFolder(h, 'Mixed');
    const here = await uploaded(h, folder, 'a.mov');
    const elsewhere = await uploaded(h, rootFolderId, 'b.mov');
    const stacked = await h.api(`/accounts/${accountId}/folders/${folder}/version_stacks`, { method: 'POST', json: { data: { file_ids: [here, elsewhere] } } });
    expect(stacked.status).toBe(422);
    expect(((await stacked.json()) as { errors: Json[] }).errors[0]).toMatchObject({ title: 'Unprocessable Content', source: { pointer: '/data/file_ids' } });
    const onto = await h.api(`/accounts/${accountId}/files/${here}/move`, { method: 'PATCH', json: { data: { parent_id: elsewhere } } });
    expect(onto.status).toBe(422);
    expect(((await onto.json()) as { errors: Json[] }).errors[0]).toMatchObject({ source: { pointer: '/data/parent_id' } });
    const single = await h.api(`/accounts/${accountId}/folders/${folder}/version_stacks`, { method: 'POST', json: { data: { file_ids: [here] } } });
    expect(single.status).toBe(422);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([expect.stringMatching(/request \(version_stacks\.create\).*must NOT have fewer than 2 items/)]);
  });

  it('remote_upload answers 202 with links.status; the sandbox fetches the URL; a dead URL ends upload_failed', async () => {
    const payload = randomBytes(30_000);
    source = createServer((req, res) => {
      if (req.url === '/take.mp4') res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': payload.length }).end(payload);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => source?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    h = await startV4();
    const { accountId, rootFolderId } = h.sb;
    const remote = async (name: string, url: string) => {
      const res = await h!.api(`/accounts/${accountId}/folders/${rootFolderId}/files/remote_upload`, { method: 'POST', json: { data: { name, source_url: url } } });
      expect(res.status).toBe(202);
      return (await res.json()) as { data: Json & { id: string }; links: { status: string } };
    };
    const ok = await remote('take.mp4', `${base}/take.mp4`);
    expect(ok.data).toMatchObject({ name: 'take.mp4', status: 'created' });
    expect(ok.links.status).toBe(`/v4/accounts/${accountId}/files/${ok.data.id}/status`);
    await waitFor(async () => (await h!.get<{ data: Json }>(ok.links.status)).data.upload_complete === true, 'the remote upload to complete');
    expect((await h.get<{ data: Json }>(`/accounts/${accountId}/files/${ok.data.id}`)).data).toMatchObject({ file_size: payload.length, media_type: 'video/mp4' });
    const original = String(((await (await v2(h, `/assets/${ok.data.id}`)).json()) as Json).original);
    expect(Buffer.from(await (await fetch(original)).arrayBuffer()).equals(payload)).toBe(true);

    const dead = await remote('gone.mp4', `${base}/missing`);
    await waitFor(async () => (await h!.get<{ data: Json }>(dead.links.status)).data.upload_failed === true, 'the dead remote upload to fail');
    expect((await h.get<{ data: Json }>(dead.links.status)).data).toMatchObject({ upload_complete: false });
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('delete answers 204, then 404 and gone from every listing; a folder goes with its contents; a root folder stays', async () => {
    h = await startV4();
    const { accountId, rootFolderId } = h.sb;
    const folder = await newFolder(h, 'Doomed');
    const inside = await uploaded(h, folder, 'inside.wav');
    const loose = await uploaded(h, rootFolderId, 'loose.wav');
    const gone = await h.api(`/accounts/${accountId}/files/${loose}`, { method: 'DELETE' });
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe('');
    expect((await h.api(`/accounts/${accountId}/files/${loose}`)).status).toBe(404);
    expect((await v2(h, `/assets/${loose}`)).status).toBe(404);
    expect((await h.api(`/accounts/${accountId}/folders/${folder}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.api(`/accounts/${accountId}/files/${inside}`)).status).toBe(404);
    const names = (await h.get<List>(`/accounts/${accountId}/folders/${rootFolderId}/children`)).data.map((a) => a.name);
    expect(names).not.toContain('Doomed');
    expect(names).not.toContain('loose.wav');
    expect((await h.api(`/accounts/${accountId}/folders/${rootFolderId}`, { method: 'DELETE' })).status).toBe(403);
    // A folder's id is not a file's: files/{folder} is a 404, and nothing is deleted.
    expect((await h.api(`/accounts/${accountId}/files/${rootFolderId}`, { method: 'DELETE' })).status).toBe(404);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });
});
