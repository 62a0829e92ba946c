// Confirms that Frame.io marked uploads complete, with as few API calls as possible: files waiting in the same folder
// are confirmed together by one listing of that folder (one page per 100 items) instead of one GET each, which
// halved the API calls of a folder of small files (docs/benchmarks.md, "API round trips"). A lone file, or a
// folder too big to list cheaply, is asked about directly.
import { sleep as realSleep } from '../net/backoff';
import type { FrameioClient, UploadState } from '../frameio/types';

export const CONFIRM_TIMEOUT_MS = 120_000;
/** First look soon after the last part (Frame.io usually has it by then), then back off to every 2 s. */
const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 2_000;
/** Above this many items a listing costs more calls than it saves. */
export const MAX_LISTED_FOLDER_ITEMS = 500;

interface Waiter {
  resolve: (state: UploadState) => void;
  reject: (error: Error) => void;
  deadline: number;
}

interface FolderWatch {
  waiters: Map<string, Waiter>;
  delayMs: number;
  scheduled: boolean;
  knownItems: number;
}

export class CompletionWatcher {
  private readonly folders = new Map<string, FolderWatch>();

  constructor(
    private readonly client: FrameioClient,
    private readonly options: { timeoutMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Resolves with the asset once Frame.io reports the upload complete; rejects after the timeout. */
  wait(assetId: string, parentId: string): Promise<UploadState> {
    return new Promise((resolve, reject) => {
      let watch = this.folders.get(parentId);
      if (!watch) {
        watch = { waiters: new Map(), delayMs: FIRST_POLL_MS, scheduled: false, knownItems: 0 };
        this.folders.set(parentId, watch);
      }
      watch.waiters.set(assetId, { resolve, reject, deadline: this.now() + (this.options.timeoutMs ?? CONFIRM_TIMEOUT_MS) });
      watch.delayMs = FIRST_POLL_MS;
      this.schedule(parentId, watch);
    });
  }

  private schedule(parentId: string, watch: FolderWatch): void {
    if (watch.scheduled) return;
    watch.scheduled = true;
    void (this.options.sleep ?? realSleep)(watch.delayMs).then(() => this.poll(parentId, watch));
  }

  private async poll(parentId: string, watch: FolderWatch): Promise<void> {
    watch.scheduled = false;
    const ids = [...watch.waiters.keys()];
    const found = new Map<string, UploadState>();
    try {
      if (ids.length > 1 && watch.knownItems <= MAX_LISTED_FOLDER_ITEMS) {
        const listing = await this.client.listFiles(parentId);
        watch.knownItems = listing.length;
        for (const asset of listing) if (watch.waiters.has(asset.id)) found.set(asset.id, { id: asset.id, complete: asset.uploadComplete, xxHash: asset.xxHash });
      }
      // Not in the listing (a lone file, a big folder, or stacked meanwhile): ask about it directly.
      for (const id of ids) if (!found.has(id)) found.set(id, await this.client.uploadState(id));
    } catch (error) {
      for (const id of ids) this.settle(watch, id, null, error as Error);
      return this.next(parentId, watch);
    }
    for (const id of ids) {
      const asset = found.get(id);
      if (asset?.complete) this.settle(watch, id, asset, null);
      else if (this.now() >= (watch.waiters.get(id)?.deadline ?? 0)) {
        // Every byte was sent: a re-upload would make a duplicate, so say where the asset is instead.
        this.settle(watch, id, null, new Error(`every part was sent, but Frame.io has not yet marked asset ${id} complete; check it before uploading again`));
      }
    }
    watch.delayMs = Math.min(MAX_POLL_MS, watch.delayMs * 2);
    this.next(parentId, watch);
  }

  private settle(watch: FolderWatch, id: string, asset: UploadState | null, error: Error | null): void {
    const waiter = watch.waiters.get(id);
    if (!waiter) return;
    watch.waiters.delete(id);
    if (asset) waiter.resolve(asset);
    else waiter.reject(error ?? new Error('not confirmed'));
  }

  private next(parentId: string, watch: FolderWatch): void {
    if (watch.waiters.size > 0) this.schedule(parentId, watch);
    else this.folders.delete(parentId);
  }
}
