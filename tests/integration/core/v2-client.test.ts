// The V2 client against the sandbox: every call Ferry makes, with real HTTP, real shapes and real errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameioError } from '../../../src/core/frameio/errors';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';

let sandbox: Sandbox;
let client: V2Client;

beforeAll(async () => {
  sandbox = await startSandbox({ partSizeBytes: 1024 * 1024 });
  client = new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token });
});
afterAll(async () => {
  await sandbox?.close();
});

describe('V2Client on the sandbox', () => {
  it('walks me → accounts → teams → projects, shared projects included', async () => {
    const me = await client.me();
    expect(me.accountId).toBe(sandbox.accountId);
    const accounts = await client.listAccounts();
    expect(accounts.map((a) => a.id)).toContain(sandbox.accountId);
    const teams = await client.listWorkspaces(sandbox.accountId);
    expect(teams.length).toBeGreaterThan(0);
    const projects = (await Promise.all(teams.map((t) => client.listProjects(t)))).flat();
    const demo = projects.find((p) => p.rootFolderId === sandbox.rootAssetId);
    expect(demo?.name).toBe('Demo Project');
    const shared = await client.listSharedProjects();
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((p) => p.shared && !projects.some((q) => q.id === p.id))).toBe(true);
  });

  it('follows every children page', async () => {
    const parent = await client.createFolder(sandbox.rootAssetId, 'many');
    for (let i = 0; i < 105; i++) await client.createFolder(parent.id, `f${String(i).padStart(3, '0')}`);
    const first = await client.listChildrenPage(parent.id, null, 50);
    expect(first.items).toHaveLength(50);
    expect(first.total).toBe(105);
    expect(first.next).toBe('2');
    const all = await client.listChildren(parent.id);
    expect(all).toHaveLength(105);
    expect(new Set(all.map((a) => a.name)).size).toBe(105);
  });

  it('creates a file whose sized parts cover it, and a part count that grows with the size', async () => {
    const small = await client.createFile(sandbox.rootAssetId, { name: 'a.mov', size: 1000, mediaType: 'video/quicktime' });
    const big = await client.createFile(sandbox.rootAssetId, { name: 'b.mov', size: 5 * 1024 * 1024 + 3, mediaType: 'video/quicktime' });
    expect(small.contentType).toBe('video/quicktime');
    expect(small.parts.reduce((n, p) => n + p.size, 0)).toBe(1000);
    expect(big.parts.reduce((n, p) => n + p.size, 0)).toBe(5 * 1024 * 1024 + 3);
    expect(big.parts.length).toBeGreaterThan(small.parts.length);
    expect(big.asset.uploadComplete).toBe(false);
    const fetched = await client.getAsset(big.asset.id);
    expect(fetched).toMatchObject({ id: big.asset.id, type: 'file', size: 5 * 1024 * 1024 + 3, uploadComplete: false });
  });

  it('deletes assets', async () => {
    const folder = await client.createFolder(sandbox.rootAssetId, 'to-delete');
    await client.deleteAsset(folder.id);
    await expect(client.getAsset(folder.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('maps a bad token to unauthorized and an unknown id to not_found, with the API message', async () => {
    const bad = new V2Client({ baseUrl: sandbox.apiUrl, token: 'fio-u-wrong' });
    const error = await bad.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameioError);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    const missing = await client.getAsset('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(missing).toMatchObject({ kind: 'not_found', status: 404 });
    expect((missing as Error).message.length).toBeGreaterThan(3);
  });

  it('rejects invalid input with a 422 carrying a specific message', async () => {
    const error = await client.createFile(sandbox.rootAssetId, { name: '', size: 10, mediaType: 'text/plain' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', status: 422 });
  });

  it('rides out rate limiting (429 + Retry-After) on API calls', async () => {
    sandbox.setFaults({ seed: 3, api429: 0.5, retryAfterS: 0 });
    try {
      for (let i = 0; i < 6; i++) expect((await client.me()).id).toBeTruthy();
      expect(sandbox.stats().faultsInjected.api429 ?? 0).toBeGreaterThan(0);
    } finally {
      sandbox.setFaults({});
    }
  });
});
