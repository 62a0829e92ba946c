import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

type Json = Record<string, unknown>;

async function json<T = Json>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function expectV2Error(body: Json, status: number): void {
  expect(body.code).toBe(status);
  expect(typeof body.message).toBe('string');
  const errors = body.errors as Json[];
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: status, status });
  expect(typeof errors[0]?.title).toBe('string');
  expect(typeof errors[0]?.detail).toBe('string');
}

describe('sandbox V2 API', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('requires a valid bearer token and answers 401 in the V2 error shape, with rate headers', async () => {
    h = await startHarness();
    for (const auth of ['', 'Bearer wrong', `Basic ${h.sb.token}`]) {
      const res = await fetch(`${h.sb.apiUrl}/me`, { headers: auth ? { authorization: auth } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
      expectV2Error(await json(res), 401);
    }
    expect(h.sb.token).toMatch(/^fio-u-/);
  });

  it('walks me → accounts → teams → projects → root children with every rate header present', async () => {
    h = await startHarness();
    const me = await h.api('/me');
    expect(me.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(me.headers.get('x-ratelimit-remaining')).toBe('999');
    expect(me.headers.get('x-ratelimit-window')).toBe('1000');
    const user = await json(me);
    expect(user).toMatchObject({ name: 'Demo User', account_id: h.sb.accountId });
    expect(typeof user.email).toBe('string');

    const accounts = await json<Json[]>(await h.api('/accounts'));
    expect(accounts.map((a) => a.id)).toEqual([h.sb.accountId, h.sb.secondAccountId]); // the user's own two accounts
    const teams = await json<Json[]>(await h.api(`/accounts/${h.sb.accountId}/teams`));
    expect(teams.map((t) => t.name)).toEqual(['Demo Team']);
    const projects = await json<Json[]>(await h.api(`/teams/${String(teams[0]?.id)}/projects`));
    expect(projects.map((p) => p.name)).toEqual(['Demo Project', 'Archive']);
    const demo = projects[0] as Json;
    expect(demo.root_asset_id).toBe(h.sb.rootAssetId);
    expect(await json(await h.api(`/projects/${String(demo.id)}`))).toMatchObject({ id: demo.id, name: 'Demo Project' });

    const shared = await json<Json[]>(await h.api('/projects/shared'));
    expect(shared).toHaveLength(1);
    expect(projects.some((p) => p.id === shared[0]?.id)).toBe(false);
    expect(shared[0]?.account_id).not.toBe(h.sb.accountId);

    const rootRes = await h.api(`/assets/${h.sb.rootAssetId}/children`);
    const root = await json<Json[]>(rootRes);
    expect(root.map((a) => [a.name, a.type])).toEqual([['Day 1', 'folder'], ['Sound', 'folder'], ['welcome.txt', 'file']]);
    const welcome = root[2] as Json;
    for (const key of ['id', 'name', 'type', 'parent_id', 'project_id', 'filesize', 'filetype', 'item_count', 'upload_completed_at',
      'uploaded_at', 'inserted_at', 'updated_at', 'transcode_statuses', 'cover_asset_id', 'checksums', 'original']) {
      expect(welcome).toHaveProperty(key);
    }
    expect(welcome).toMatchObject({ parent_id: h.sb.rootAssetId, project_id: demo.id, filetype: 'text/plain' });
    expect(welcome.upload_completed_at).not.toBeNull();
    const text = await (await fetch(String(welcome.original))).text();
    expect(text.length).toBe(welcome.filesize);

    const day1 = root[0] as Json;
    expect(day1.item_count).toBe(2); // Cam A + slate.svg
    const inside = await json<Json[]>(await h.api(`/assets/${String(day1.id)}/children`));
    expect(inside.map((a) => a.name)).toEqual(['Cam A', 'slate.svg']);
    expect(await json(await h.api(`/assets/${String(day1.id)}`))).toMatchObject({ id: day1.id, type: 'folder' });
  });

  it('404s unknown ids and routes in the V2 shape', async () => {
    h = await startHarness();
    for (const path of ['/assets/nope', '/assets/nope/children', '/projects/nope', '/teams/nope/projects', '/accounts/nope/teams', '/nothing']) {
      const res = await h.api(path);
      expect(res.status, path).toBe(404);
      expectV2Error(await json(res), 404);
    }
  });

  it('validates create bodies with 422 and a specific message', async () => {
    h = await startHarness();
    const cases: Array<[unknown, string]> = [
      [{ type: 'file', name: 'a', filetype: 'video/mp4', filesize: 0 }, 'filesize must be > 0'],
      [{ type: 'file', name: 'a', filetype: 'video/mp4', filesize: -1 }, 'non-negative'],
      [{ type: 'file', name: 'a', filetype: 'video/mp4', filesize: 1.5 }, 'integer'],
      [{ type: 'file', name: 'a', filetype: 'video/mp4', filesize: '10' }, 'filesize'],
      [{ type: 'file', name: '', filetype: 'video/mp4', filesize: 10 }, 'name must not be empty'],
      [{ type: 'thing', name: 'a' }, 'type must be'],
      [{ type: 'file', name: 'a', source: { url: 'ftp://x/y' } }, 'http(s)'],
      [[1, 2], 'JSON object'],
    ];
    for (const [body, message] of cases) {
      const res = await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const err = await json(res);
      expectV2Error(err, 422);
      expect(JSON.stringify(err), JSON.stringify(body)).toContain(message);
    }
    const bad = await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });

  it('refuses a file as parent and allows duplicate names', async () => {
    h = await startHarness();
    const folder = { type: 'folder', name: 'Dup' };
    const a = await json(await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: folder }));
    const b = await json(await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: folder }));
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({ name: 'Dup', type: 'folder', parent_id: h.sb.rootAssetId, upload_completed_at: null });
    const root = await json<Json[]>(await h.api(`/assets/${h.sb.rootAssetId}/children`));
    const file = root.find((x) => x.type === 'file') as Json;
    const res = await h.api(`/assets/${String(file.id)}/children`, { method: 'POST', json: folder });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await json(res))).toContain('parent must be a folder');
  });

  it('paginates children: 1-based pages, headers page-number/per-page/total/total-pages, max 100', async () => {
    h = await startHarness();
    const parent = await json(await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'folder', name: 'P' } }));
    for (let i = 0; i < 7; i++) {
      await h.api(`/assets/${String(parent.id)}/children`, { method: 'POST', json: { type: 'folder', name: `f${i}` } });
    }
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await h.api(`/assets/${String(parent.id)}/children?page=${page}&page_size=3`);
      expect(res.headers.get('page-number')).toBe(String(page));
      expect(res.headers.get('per-page')).toBe('3');
      expect(res.headers.get('total')).toBe('7');
      expect(res.headers.get('total-pages')).toBe('3');
      seen.push(...(await json<Json[]>(res)).map((a) => String(a.name)));
    }
    expect(seen).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    const beyond = await h.api(`/assets/${String(parent.id)}/children?page=4&page_size=3`);
    expect(await json<Json[]>(beyond)).toEqual([]);
    const defaults = await h.api(`/assets/${String(parent.id)}/children`);
    expect(defaults.headers.get('per-page')).toBe('50');
    expect(defaults.headers.get('page-number')).toBe('1');
    const capped = await h.api(`/assets/${String(parent.id)}/children?page_size=500`);
    expect(capped.headers.get('per-page')).toBe('100');
    expect((await h.api(`/assets/${String(parent.id)}/children?page=0`)).status).toBe(422);
  });

  it('deletes folders recursively and refuses to delete a project root', async () => {
    h = await startHarness();
    const root = await json<Json[]>(await h.api(`/assets/${h.sb.rootAssetId}/children`));
    const day1 = root.find((a) => a.name === 'Day 1') as Json;
    const inside = await json<Json[]>(await h.api(`/assets/${String(day1.id)}/children`));
    expect((await h.api(`/assets/${String(day1.id)}`, { method: 'DELETE' })).status).toBe(200);
    for (const a of [day1, ...inside]) expect((await h.api(`/assets/${String(a.id)}`)).status).toBe(404);
    const rootDelete = await h.api(`/assets/${h.sb.rootAssetId}`, { method: 'DELETE' });
    expect(rootDelete.status).toBe(403);
  });

  it('rate limits per category with 429, Retry-After and a V2 body', async () => {
    h = await startHarness({ rateLimits: { read: { limit: 2, windowMs: 60_000 } } });
    const r1 = await h.api(`/assets/${h.sb.rootAssetId}`);
    expect(r1.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(r1.headers.get('x-ratelimit-window')).toBe('60000');
    await h.api(`/assets/${h.sb.rootAssetId}`);
    const r3 = await h.api(`/assets/${h.sb.rootAssetId}`);
    expect(r3.status).toBe(429);
    expect(Number(r3.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(r3.headers.get('x-ratelimit-remaining')).toBe('0');
    expectV2Error(await json(r3), 429);
    // Other categories have their own bucket.
    expect((await h.api('/me')).status).toBe(200);
  });
});
