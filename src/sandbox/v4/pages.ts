import { createHash } from 'node:crypto';
import { ApiError, invalid } from '../api/errors.js';
import type { ApiResult } from '../api/route-types.js';

/** The spec's page sizes: asset lists (children, folders, files, version_stacks) 1–500, the others 1–100. */
export const ASSET_PAGE_MAX = 500;
export const LIST_PAGE_MAX = 100;
const DEFAULT_PAGE_SIZE = 50;

// A cursor names the list it belongs to (a hash of its path) and where the next page starts. It is opaque to
// clients: they follow `links.next` verbatim, and a cursor from another list, or a made-up one, is a 400.
interface Cursor {
  l: string;
  o: number;
}

const listKey = (path: string): string => createHash('sha256').update(path).digest('base64url').slice(0, 10);

function encodeCursor(path: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listKey(path), o: offset } satisfies Cursor)).toString('base64url');
}

function decodeCursor(path: string, raw: string): number {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (!cursor || cursor.l !== listKey(path) || !Number.isInteger(cursor.o) || (cursor.o ?? -1) < 0) {
    throw new ApiError(400, 'after is not a cursor of this list: follow links.next as given');
  }
  return cursor.o as number;
}

function pageSize(url: URL, max: number): number {
  const raw = url.searchParams.get('page_size');
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalid(`page_size must be an integer from 1 to ${max}`);
  return n;
}

/**
 * One page of a V4 list: {"data":[…],"links":{"next"},"total_count"}. `links.next` is the same path and query
 * with the next cursor in `after`, or null on the last page; total_count is null unless include_total_count=true.
 */
export function v4Page<T>(url: URL, all: readonly T[], toJson: (item: T) => unknown, max: number): ApiResult {
  return v4PageWith(url, all, max, (items) => items.map(toJson));
}

/** v4Page, for lists that must look at the page's items before rendering them (completion in external mode). */
export async function v4PageAsync<T>(url: URL, all: readonly T[], toJson: (item: T) => unknown, max: number, before: (items: T[]) => Promise<void>): Promise<ApiResult> {
  let page: T[] = [];
  const result = v4PageWith(url, all, max, (items) => ((page = items), []));
  await before(page);
  (result.body as { data: unknown[] }).data = page.map(toJson);
  return result;
}

function v4PageWith<T>(url: URL, all: readonly T[], max: number, render: (items: T[]) => unknown[]): ApiResult {
  const size = pageSize(url, max);
  const after = url.searchParams.get('after');
  const offset = after === null || after === '' ? 0 : decodeCursor(url.pathname, after);
  const items = all.slice(offset, offset + size);
  let next: string | null = null;
  if (offset + size < all.length) {
    const query = new URLSearchParams(url.searchParams);
    query.set('after', encodeCursor(url.pathname, offset + size));
    next = `${url.pathname}?${query.toString()}`;
  }
  const counted = url.searchParams.get('include_total_count') === 'true';
  return { body: { data: render(items), links: { next }, total_count: counted ? all.length : null } };
}
