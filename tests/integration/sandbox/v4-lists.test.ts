// V4 lists on the sandbox: cursor pages followed through links.next verbatim, total_count on request, page-size
// bounds, opaque cursors, and the children `type=` filter beside the folders/files/version_stacks lists.
import { afterEach, describe, expect, it } from 'vitest';
import { type Json, startV4, type V4Harness } from './v4-support';

type List = { data: Json[]; links: { next: string | null }; total_count: number | null };

let h: V4Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function folderWith(harness: V4Harness, name: string, children: number): Promise<string> {
  const base = `/accounts/${harness.sb.accountId}/folders`;
  const make = async (parent: string, folderName: string) => {
    const res = await harness.api(`${base}/${parent}/folders`, { method: 'POST', json: { data: { name: folderName } } });
    expect(res.status).toBe(201);
    return String(((await res.json()) as { data: Json }).data.id);
  };
  const id = await make(harness.sb.rootFolderId, name);
  for (let i = 0; i < children; i++) await make(id, `f${String(i).padStart(2, '0')}`);
  return id;
}

describe('sandbox V4: lists', () => {
  it('pages of 7 through links.next, verbatim, to a null next; total_count only when asked for', async () => {
    h = await startV4();
    const folder = await folderWith(h, 'Many', 23);
    const seen: string[] = [];
    const sizes: number[] = [];
    let next: string | null = `/accounts/${h.sb.accountId}/folders/${folder}/children?page_size=7&include_total_count=true`;
    while (next !== null) {
      const page: List = await h.get<List>(next);
      expect(page.total_count).toBe(23);
      sizes.push(page.data.length);
      seen.push(...page.data.map((a) => String(a.name)));
      next = page.links.next;
      if (next !== null) {
        expect(next).toMatch(/^\/v4\/accounts\/[^?]+\/children\?/);
        expect(new URL(next, 'http://x').searchParams.get('page_size')).toBe('7');
      }
    }
    expect(sizes).toEqual([7, 7, 7, 2]);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `f${String(i).padStart(2, '0')}`));
    const plain = await h.get<List>(`/accounts/${h.sb.accountId}/folders/${folder}/children`);
    expect(plain.total_count).toBeNull();
    expect(plain.data).toHaveLength(23); // default page_size 50
    expect(plain.links.next).toBeNull();
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('cursors are opaque and belong to their list: a made-up or foreign one is a 400', async () => {
    h = await startV4();
    const folder = await folderWith(h, 'Cursor', 3);
    const first = await h.get<List>(`/accounts/${h.sb.accountId}/folders/${folder}/children?page_size=1`);
    const after = new URL(String(first.links.next), 'http://x').searchParams.get('after') ?? '';
    expect(after).not.toMatch(/^\d+$/);
    const forged = await h.api(`/accounts/${h.sb.accountId}/folders/${folder}/children?page_size=1&after=1`);
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { errors: Json[] }).errors[0]).toMatchObject({ title: 'Bad Request' });
    const foreign = await h.api(`/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/children?page_size=1&after=${after}`);
    expect(foreign.status).toBe(400);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('page_size: asset lists take 1–500, other lists 1–100; outside is a 422', async () => {
    h = await startV4();
    const children = `/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/children`;
    expect((await h.api(`${children}?page_size=500`)).status).toBe(200);
    expect((await h.api(`/accounts?page_size=100`)).status).toBe(200);
    const refused = [`${children}?page_size=501`, `${children}?page_size=0`, `/accounts?page_size=101`];
    for (const path of refused) {
      const res = await h.api(path);
      expect(res.status, path).toBe(422);
      expect(String(((await res.json()) as { errors: Json[] }).errors[0]?.detail)).toMatch(/page_size must be an integer from 1 to (500|100)/);
    }
    await h.proxy.drained();
    // The requests are outside the spec's bounds (flagged as such); the answers conform.
    expect(h.proxy.violations).toHaveLength(refused.length);
    for (const v of h.proxy.violations) expect(v).toMatch(/request \(.*page_size must be (<=|>=)/);
  });

  it('children take a type= filter; folders, files and version_stacks list one kind each', async () => {
    h = await startV4();
    const { accountId, rootFolderId } = h.sb;
    const base = `/accounts/${accountId}/folders/${rootFolderId}`;
    const names = async (path: string) => (await h!.get<List>(path)).data.map((a) => `${String(a.type)}:${String(a.name)}`);
    expect(await names(`${base}/children`)).toEqual(['folder:Day 1', 'folder:Sound', 'file:welcome.txt']);
    expect(await names(`${base}/children?type=file`)).toEqual(['file:welcome.txt']);
    expect(await names(`${base}/children?type=folder,version_stack`)).toEqual(['folder:Day 1', 'folder:Sound']);
    expect(await names(`${base}/folders`)).toEqual(['folder:Day 1', 'folder:Sound']);
    expect(await names(`${base}/files`)).toEqual(['file:welcome.txt']);
    expect(await names(`${base}/version_stacks`)).toEqual([]);
    const welcome = (await h.get<List>(`${base}/files`)).data[0];
    expect(welcome).toMatchObject({ media_type: 'text/plain', parent_id: rootFolderId });
    expect(['uploaded', 'transcoded']).toContain(welcome?.status); // transcoded once its checksum is in
    const bad = await h.api(`${base}/children?type=album`);
    expect(bad.status).toBe(422);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });
});
