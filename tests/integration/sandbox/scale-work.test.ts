// Issue 14 (scale): a request's work must follow what it answers, not the number of assets the sandbox holds. Work is
// counted, not timed: every asset record in the folder is wrapped so that each read of one of its fields is counted,
// and a page of a folder of 20,000 files, a create into it, a delete from it and a listing of its parent must read
// a bounded number of fields (they once sorted every sibling on each page: ~20,000 × log 20,000 reads per page).
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../src/sandbox/api/context.js';
import { newAsset } from '../../../src/sandbox/ops/new-asset.js';
import type { AssetRecord } from '../../../src/sandbox/state/types.js';
import { startHarness, type Harness } from './helpers.js';

const FILES = 20_000;
const PAGE = 100;
// toV2Asset / toV4File read a few dozen fields per item; a scan of the folder reads at least one per sibling.
const READS_PER_ITEM = 80;

describe('work per request in a folder of 20,000 files', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('pages, creates, deletes and the parent listing read a bounded number of asset fields', async () => {
    let ctx: ApiContext | undefined;
    h = await startHarness({}, { onContext: (c) => (ctx = c) });
    if (!ctx) throw new Error('no context');
    const store = ctx.store;
    const made = await h.api(`/assets/${h.sb.rootAssetId}/children`, { method: 'POST', json: { type: 'folder', name: 'big' } });
    expect(made.status).toBe(201);
    const folderId = ((await made.json()) as { id: string }).id;
    const folder = store.asset(folderId);
    if (!folder) throw new Error('no folder');

    let reads = 0;
    const counted = (a: AssetRecord): AssetRecord =>
      new Proxy(a, {
        get(target, key, receiver) {
          reads += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const done = new Date().toISOString();
    for (let i = 0; i < FILES; i++) {
      const file = newAsset(store, folder, { name: `f${i}.bin`, type: 'file', filesize: 1, filetype: 'application/octet-stream', partCount: 1, uploadCompletedAt: done, xxHash: '0123456789abcdef' });
      store.addAsset(counted(file));
    }
    // The first listing may build what it needs once; the ones after it are what must stay small.
    expect((await h.api(`/assets/${folderId}/children?page=1&page_size=${PAGE}`)).status).toBe(200);

    const measure = async (what: string, call: () => Promise<Response>, status: number): Promise<{ reads: number; res: Response; body: string }> => {
      reads = 0;
      const res = await call();
      const body = await res.text();
      expect(res.status, `${what}: ${body.slice(0, 200)}`).toBe(status);
      return { reads, res, body };
    };

    const page = await measure('V2 page', () => h!.api(`/assets/${folderId}/children?page=77&page_size=${PAGE}`), 200);
    expect(page.res.headers.get('total')).toBe(String(FILES));
    expect(page.reads).toBeLessThan(PAGE * READS_PER_ITEM);

    const v4 = (path: string) => fetch(`${h!.sb.apiV4Url}${path}`, { headers: { authorization: `Bearer ${h!.sb.token}` } });
    const files = await measure('V4 files', () => v4(`/accounts/${h!.sb.accountId}/folders/${folderId}/files?page_size=${PAGE}`), 200);
    expect(files.reads).toBeLessThan(PAGE * READS_PER_ITEM);
    const children = await measure('V4 children', () => v4(`/accounts/${h!.sb.accountId}/folders/${folderId}/children?page_size=${PAGE}&type=file`), 200);
    expect(children.reads).toBeLessThan(PAGE * READS_PER_ITEM);

    const create = await measure('create', () => h!.api(`/assets/${folderId}/children`, { method: 'POST', json: { type: 'file', name: 'new.bin', filesize: 10 } }), 201);
    expect(create.reads).toBeLessThan(READS_PER_ITEM);

    const victim = store.children(folderId)[FILES / 2];
    const del = await measure('delete', () => h!.api(`/assets/${victim?.id ?? ''}`, { method: 'DELETE' }), 200);
    expect(del.reads).toBeLessThan(READS_PER_ITEM * 4); // its JSON, and a binary search in the lists it leaves
    expect(store.children(folderId)).toHaveLength(FILES);

    // The root lists the folder with its item count: counted, not collected.
    const parent = await measure('parent listing', () => h!.api(`/assets/${h!.sb.rootAssetId}/children?page_size=${PAGE}`), 200);
    expect(parent.reads).toBeLessThan(READS_PER_ITEM);
    const entry = (JSON.parse(parent.body) as { id: string; item_count: number }[]).find((a) => a.id === folderId);
    expect(entry?.item_count).toBe(FILES);
  }, 60_000);
});
