// The sandbox's V2 side against what Frame.io's own V2 clients (python-frameio-client, fioctl) send and expect
// (frameio-api.md): `_type` everywhere, /v2/teams, liberal creates, DELETE answering the asset, the version call
// answering the stack, paged lists, and GETs that carry a JSON body.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Json, startV4, type V4Harness } from './v4-support';

let h: V4Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A V2 call as the SDK makes it: bearer token, JSON body when given. */
async function v2(harness: V4Harness, path: string, method = 'GET', json?: unknown): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(`${harness.sb.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${harness.sb.token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const list = async (harness: V4Harness, path: string) => (await v2(harness, path)).body as Json[];
const one = async (harness: V4Harness, path: string, method = 'GET', json?: unknown) => (await v2(harness, path, method, json)).body as Json;

/** fioctl's uploader: chunk = ceil(filesize / urls), PUT with the asset's filetype and x-amz-acl: private. */
async function uploadLikeFioctl(asset: Json, data: Buffer): Promise<number[]> {
  const urls = asset.upload_urls as string[];
  const chunk = Math.ceil(data.length / urls.length);
  return Promise.all(urls.map(async (url, i) => {
    const body = new Uint8Array(data.subarray(i * chunk, (i + 1) * chunk));
    return (await fetch(url, { method: 'PUT', body, headers: { 'content-type': String(asset.filetype), 'x-amz-acl': 'private' } })).status;
  }));
}

describe('sandbox V2, as Frame.io’s own V2 clients use it', () => {
  it('puts _type on every object, lists every team at /v2/teams and shows single accounts and teams', async () => {
    h = await startV4();
    const { sb } = h;
    expect(await one(h, '/me')).toMatchObject({ _type: 'user', account_id: sb.accountId });
    const accounts = await list(h, '/accounts');
    expect(accounts.map((a) => [a._type, a.id])).toEqual([['account', sb.accountId], ['account', sb.secondAccountId]]);
    expect(await one(h, `/accounts/${sb.secondAccountId}`)).toMatchObject({ _type: 'account', display_name: 'Second Studio' });
    const teams = await list(h, '/teams');
    expect(teams.map((t) => [t._type, t.name, t.account_id])).toEqual([['team', 'Demo Team', sb.accountId], ['team', 'Second Team', sb.secondAccountId]]);
    expect(await one(h, `/teams/${String(teams[1]?.id)}`)).toMatchObject({ _type: 'team', name: 'Second Team' });
    const projects = await list(h, `/teams/${String(teams[1]?.id)}/projects`);
    expect(projects.map((p) => [p._type, p.name, p.root_asset_id])).toEqual([['project', 'Second Project', sb.secondRootFolderId]]);
    expect((await list(h, '/projects/shared')).map((p) => p._type)).toEqual(['project']);
    const root = await list(h, `/assets/${sb.rootAssetId}/children`);
    expect(root.map((a) => [a._type, a.type])).toEqual([['folder', 'folder'], ['folder', 'folder'], ['file', 'file']]);
    // The partner account shares a project but the user is not a member: not listed, not readable.
    const partnerProject = (await list(h, '/projects/shared'))[0] as Json;
    expect((await v2(h, `/accounts/${String(partnerProject.account_id)}`)).status).toBe(404);
  });

  it('pages every list like children (fioctl streams /teams?page=N&page_size=M until a short page)', async () => {
    h = await startV4();
    const first = await v2(h, '/teams?page=1&page_size=1');
    expect(first.headers.get('page-number')).toBe('1');
    expect(first.headers.get('per-page')).toBe('1');
    expect(first.headers.get('total')).toBe('2');
    expect(first.headers.get('total-pages')).toBe('2');
    const second = await list(h, '/teams?page=2&page_size=1');
    const third = await list(h, '/teams?page=3&page_size=1');
    expect([(first.body as Json[])[0]?.name, second[0]?.name, third]).toEqual(['Demo Team', 'Second Team', []]);
  });

  it('takes creates with explicit nulls and extra keys, and decides the filetype when none is sent', async () => {
    h = await startV4({ partSizeBytes: 4096 });
    const root = h.sb.rootAssetId;
    // The Python SDK's create() for a folder sends filesize and filetype as null; tools add keys of their own.
    const folder = await v2(h, `/assets/${root}/children`, 'POST', { name: 'From SDK', type: 'folder', filesize: null, filetype: null, description: 'x' });
    expect(folder.status).toBe(201);
    expect(folder.body).toMatchObject({ _type: 'folder', name: 'From SDK', parent_id: root });
    // fioctl's `assets upload` sends name, filesize and type only; the upload PUTs with the filetype answered.
    const data = randomBytes(10_000);
    const file = await one(h, `/assets/${String((folder.body as Json).id)}/children`, 'POST', { name: 'take.mp4', filesize: data.length, type: 'file' });
    expect(file).toMatchObject({ _type: 'file', filetype: 'video/mp4', filesize: data.length });
    expect(file.upload_urls).toHaveLength(3);
    expect(await uploadLikeFioctl(file, data)).toEqual([200, 200, 200]);
    const done = await one(h, `/assets/${String(file.id)}`);
    expect(done.upload_completed_at).not.toBeNull();
    expect(Buffer.from(await (await fetch(String(done.original))).arrayBuffer()).equals(data)).toBe(true);
    // The SDK's upload() passes mimetypes' guess, which is None for unknown extensions.
    expect(await one(h, `/assets/${root}/children`, 'POST', { name: 'raw.r3d', type: 'file', filesize: 5, filetype: null })).toMatchObject({ filetype: 'application/octet-stream' });
    expect((await v2(h, `/assets/${root}/children`, 'POST', { name: 'a', type: 'file', filesize: null })).status).toBe(422);
    // fioctl `assets set`: PUT /assets/{id} renames.
    expect(await one(h, `/assets/${String(file.id)}`, 'PUT', { name: 'renamed.mp4', unknown: 1 })).toMatchObject({ _type: 'file', name: 'renamed.mp4' });
  });

  it('DELETE answers 200 with the asset and deleted_at; afterwards 404 and gone from listings', async () => {
    h = await startV4();
    const root = h.sb.rootAssetId;
    const folder = await one(h, `/assets/${root}/children`, 'POST', { name: 'Trash me', type: 'folder' });
    const deleted = await v2(h, `/assets/${String(folder.id)}`, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ _type: 'folder', id: folder.id, name: 'Trash me' });
    expect(Date.parse(String((deleted.body as Json).deleted_at))).not.toBeNaN();
    expect((await v2(h, `/assets/${String(folder.id)}`)).status).toBe(404);
    expect((await list(h, `/assets/${root}/children`)).map((a) => a.id)).not.toContain(folder.id);
  });

  it('the version call answers the version_stack; a stack in a listing embeds its cover_asset (fioctl downloads it)', async () => {
    h = await startV4();
    const root = h.sb.rootAssetId;
    const make = async (name: string) => one(h!, `/assets/${root}/children`, 'POST', { name, type: 'file', filetype: 'video/mp4', filesize: 4 });
    const [v1, v2id] = [await make('cut.mp4'), await make('cut.mp4')];
    const stack = await v2(h, `/assets/${String(v1.id)}/version`, 'POST', { next_asset_id: v2id.id });
    expect(stack.status).toBe(200);
    expect(stack.body).toMatchObject({ _type: 'version_stack', type: 'version_stack', cover_asset_id: v2id.id, item_count: 2 });
    const v3 = await make('cut.mp4');
    const appended = await one(h, `/assets/${String((stack.body as Json).id)}/version`, 'POST', { next_asset_id: v3.id });
    expect(appended).toMatchObject({ id: (stack.body as Json).id, cover_asset_id: v3.id, item_count: 3 });
    const listed = (await list(h, `/assets/${root}/children`)).find((a) => a._type === 'version_stack') as Json;
    expect(listed.cover_asset).toMatchObject({ _type: 'file', id: v3.id });
    const versions = await list(h, `/assets/${String(listed.id)}/children`);
    expect(versions.map((v) => [v.id, v.index])).toEqual([[v1.id, 1], [v2id.id, 2], [v3.id, 3]]);
  });

  it('answers a GET that carries a JSON body (the Python SDK sends {} with every call)', async () => {
    h = await startV4();
    const url = new URL(`${h.sb.apiUrl}/me`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'GET', headers: { authorization: `Bearer ${h!.sb.token}`, 'content-type': 'application/json', 'content-length': '2' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(200);
  });
});
