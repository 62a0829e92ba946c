import type { ApiResult } from './route-types.js';
import { invalid } from './errors.js';

// V2 pagination (frameio-api.md "children"): 1-based pages; the sandbox defaults to 50 and caps at 100 per page.
// Every V2 list pages this way (fioctl streams /accounts, /teams, /projects/shared … with ?page=&page_size=).
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

function positiveInt(raw: string | null, fallback: number, name: string): number {
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalid(`${name} must be a positive integer`);
  return n;
}

export interface V2Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** The page `url` asks for, with the headers page-number, per-page, total and total-pages. */
export function v2Page<T>(url: URL, all: readonly T[]): V2Page<T> {
  const page = positiveInt(url.searchParams.get('page'), 1, 'page');
  const perPage = Math.min(MAX_PAGE_SIZE, positiveInt(url.searchParams.get('page_size'), DEFAULT_PAGE_SIZE, 'page_size'));
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    headers: {
      'page-number': String(page),
      'per-page': String(perPage),
      total: String(all.length),
      'total-pages': String(Math.max(1, Math.ceil(all.length / perPage))),
    },
  };
}

/** A whole V2 list answer: the page as a bare JSON array, with its headers. */
export function v2List<T>(url: URL, all: readonly T[], toJson: (item: T) => unknown): ApiResult {
  const { items, headers } = v2Page(url, all);
  return { body: items.map(toJson), headers };
}
