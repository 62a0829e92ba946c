// The sandbox's V4: who the user is, where it can upload, and which account every id belongs to. Every exchange goes
// through the conformance proxy, so each answer (errors included) is also checked against Frame.io's V4 spec.
import { afterEach, describe, expect, it } from 'vitest';
import { V4Client } from '../../../src/core/frameio/v4-client';
import { type Json, startV4, type V4Harness } from './v4-support';

type List<T = Json> = { data: T[]; links: { next: string | null }; total_count: number | null };

let h: V4Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function conforms(harness: V4Harness): Promise<void> {
  await harness.proxy.drained();
  expect(harness.proxy.violations).toEqual([]);
}

describe('sandbox V4: discovery', () => {
  it('walks me → accounts → workspaces → projects, every answer with its rate headers and no Retry-After', async () => {
    h = await startV4();
    const { sb } = h;
    const me = await h.api('/me');
    expect(me.status).toBe(200);
    for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-window']) expect(me.headers.get(header)).not.toBeNull();
    expect(me.headers.get('retry-after')).toBeNull();
    expect(((await me.json()) as { data: Json }).data).toMatchObject({ name: 'Demo User', email: 'demo@ferry.invalid', avatar_url: null });

    // The user's two accounts, then the partner account that only shares a project with it.
    const accounts = (await h.get<List>('/accounts')).data;
    expect(accounts.map((a) => a.id).slice(0, 2)).toEqual([sb.accountId, sb.secondAccountId]);
    expect(accounts.map((a) => a.roles)).toEqual([['owner'], ['admin'], []]);
    const partner = accounts[2] as Json;

    const workspaces = (await h.get<List>(`/accounts/${sb.accountId}/workspaces`)).data;
    expect(workspaces.map((w) => [w.name, w.account_id])).toEqual([['Demo Team', sb.accountId]]);
    const projects = (await h.get<List>(`/accounts/${sb.accountId}/workspaces/${String(workspaces[0]?.id)}/projects`)).data;
    expect(projects.map((p) => p.name)).toEqual(['Demo Project', 'Archive']);
    expect(projects[0]).toMatchObject({ root_folder_id: sb.rootFolderId, workspace_id: workspaces[0]?.id, status: 'active' });
    expect(sb.rootFolderId).toBe(sb.rootAssetId); // one store: V4's root folder is V2's root asset

    const second = (await h.get<List>(`/accounts/${sb.secondAccountId}/projects`)).data;
    expect(second.map((p) => [p.name, p.root_folder_id])).toEqual([['Second Project', sb.secondRootFolderId]]);
    expect((await h.get<List>(`/accounts/${sb.accountId}/invited_projects`)).data).toEqual([]);
    const invited = (await h.get<List>(`/accounts/${String(partner.id)}/invited_projects`)).data;
    expect(invited.map((p) => p.name)).toEqual(['Partner Review']);
    expect((await h.get<List>(`/accounts/${String(partner.id)}/workspaces`)).data).toEqual([]);
    const shown = await h.get<{ data: Json }>(`/accounts/${String(partner.id)}/projects/${String(invited[0]?.id)}`);
    expect(shown.data).toMatchObject({ name: 'Partner Review', description: null });

    // V2 sees the same hierarchy: both accounts of the user (not the partner's), teams = workspaces.
    const v2 = (path: string) => fetch(`${sb.apiUrl}${path}`, { headers: { authorization: `Bearer ${sb.token}` } }).then((r) => r.json() as Promise<Json[]>);
    expect((await v2('/accounts')).map((a) => a.id)).toEqual([sb.accountId, sb.secondAccountId]);
    expect((await v2('/teams')).map((t) => t.name)).toEqual(['Demo Team', 'Second Team']);
    await conforms(h);
  });

  it('scopes every id to the account in the URL: under the wrong account it is a 404, as if it did not exist', async () => {
    h = await startV4();
    const { sb } = h;
    const wrong = await h.api(`/accounts/${sb.secondAccountId}/folders/${sb.rootFolderId}`);
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ errors: [{ detail: 'folder not found', title: 'Not Found' }] });
    expect((await h.api(`/accounts/${sb.accountId}/folders/${sb.secondRootFolderId}/children`)).status).toBe(404);
    expect((await h.api(`/accounts/00000000-0000-4000-8000-000000000000/workspaces`)).status).toBe(404);

    // The second account's folder is found under the second account, and takes uploads there.
    const inbox = (await h.get<List>(`/accounts/${sb.secondAccountId}/folders/${sb.secondRootFolderId}/children`)).data;
    expect(inbox.map((a) => [a.name, a.type])).toEqual([['Inbox', 'folder']]);
    const created = await h.api(`/accounts/${sb.secondAccountId}/folders/${String(inbox[0]?.id)}/files/local_upload`, { method: 'POST', json: { data: { name: 'note.txt', file_size: 5 } } });
    expect(created.status).toBe(201);
    const file = ((await created.json()) as { data: Json }).data;
    // A file id asked for as a folder, or under the other account, is not found either.
    expect((await h.api(`/accounts/${sb.secondAccountId}/folders/${String(file.id)}`)).status).toBe(404);
    expect((await h.api(`/accounts/${sb.accountId}/files/${String(file.id)}`)).status).toBe(404);
    expect((await h.get<{ data: Json }>(`/accounts/${sb.secondAccountId}/files/${String(file.id)}`)).data).toMatchObject({ name: 'note.txt', status: 'created' });
    // V2 sees the same file, in the second account's project.
    const v2 = (await (await fetch(`${sb.apiUrl}/assets/${String(file.id)}`, { headers: { authorization: `Bearer ${sb.token}` } })).json()) as Json;
    expect(v2).toMatchObject({ _type: 'file', name: 'note.txt', account_id: sb.secondAccountId, parent_id: inbox[0]?.id });
    await conforms(h);
  });

  it('the app’s V4 client finds a folder that is in the second of the user’s accounts', async () => {
    h = await startV4();
    const client = new V4Client({ baseUrl: h.proxy.apiUrl, token: h.sb.token });
    const children = await client.listChildren(h.sb.secondRootFolderId);
    expect(children.map((a) => a.name)).toEqual(['Inbox']);
    expect(client.accountOf(h.sb.secondRootFolderId)).toBe(h.sb.secondAccountId);
    await conforms(h);
  });

  it('takes the access token; the legacy token only with x-frameio-legacy-token-auth: true (V2 takes it as is)', async () => {
    h = await startV4();
    const { sb } = h;
    expect(sb.legacyToken).toMatch(/^fio-u-/);
    expect(sb.legacyToken).not.toBe(sb.token);
    const bare = await h.api('/me', { token: sb.legacyToken });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('x-ratelimit-limit')).not.toBeNull();
    const error = (await bare.json()) as { errors: Json[] };
    expect(error.errors[0]).toMatchObject({ title: 'Unauthorized' });
    expect(String(error.errors[0]?.detail)).toContain('x-frameio-legacy-token-auth');
    expect((await h.api('/me', { token: sb.legacyToken, headers: { 'x-frameio-legacy-token-auth': 'true' } })).status).toBe(200);
    expect((await h.api('/me', { token: 'fio-u-not-the-token', headers: { 'x-frameio-legacy-token-auth': 'true' } })).status).toBe(401);
    expect((await h.api('/me', { headers: { authorization: '' } })).status).toBe(401);
    expect((await fetch(`${sb.apiUrl}/me`, { headers: { authorization: `Bearer ${sb.legacyToken}` } })).status).toBe(200);

    // Rotation replaces the access token on both APIs; the legacy token stays.
    const old = sb.token;
    const fresh = sb.rotateToken();
    expect((await h.api('/me', { token: old })).status).toBe(401);
    expect((await h.api('/me', { token: fresh })).status).toBe(200);
    expect((await h.api('/me', { token: sb.legacyToken, headers: { 'x-frameio-legacy-token-auth': 'true' } })).status).toBe(200);
    await conforms(h);
  });
});
