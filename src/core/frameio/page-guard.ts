// Every loop a server controls is bounded: reading a listing page after page stops when the server says it is done,
// and also when it cannot be telling the truth — a page with nothing new on it, a next-page link seen before, or
// more pages than any real folder has. (A review's fake API answered `total-pages: 1000000000` and had Ferry send
// 20,294 requests in 10 s.)
import { FrameioError } from './errors';

/** No real folder has more (V4 asset pages hold up to 500, V2's 100: 1,000,000 items at the most). */
export const MAX_LIST_PAGES = 10_000;

export class PageGuard {
  private readonly ids = new Set<string>();
  private readonly cursors = new Set<string>();
  private pages = 0;

  constructor(private readonly what: string) {}

  /** Takes one page's item ids and the cursor it gives for the next; false when the listing is over. Throws when
   * the server keeps answering without progress. */
  more(itemIds: readonly string[], next: string | null): boolean {
    this.pages++;
    const fresh = itemIds.filter((id) => !this.ids.has(id));
    for (const id of fresh) this.ids.add(id);
    if (next === null) return false;
    // An empty page that says "more" is the end, not a reason to keep asking.
    if (itemIds.length === 0) return false;
    if (fresh.length === 0) throw new FrameioError('bad_response', `Frame.io kept answering ${this.what} with items it had already sent; stopped after ${this.pages} pages`);
    if (this.cursors.has(next)) throw new FrameioError('bad_response', `Frame.io's next page for ${this.what} points back to a page already read; stopped after ${this.pages} pages`);
    if (this.pages >= MAX_LIST_PAGES) throw new FrameioError('bad_response', `${this.what} has more than ${MAX_LIST_PAGES} pages; stopped there`);
    this.cursors.add(next);
    return true;
  }
}
