// Confirms that Frame.io marked uploads complete, with as few API calls as possible (issue 14: ≤ 1.1 calls per file
// with the create). Files waiting in the same folder are confirmed together by one listing of that folder instead of
// one read each, and while other bytes are still on the wire the watcher lets waiters gather before it looks: a
// file's slot is already free by then (file-runner.ts), so a confirmation that comes a second later costs nothing
// but saves a call per file. When nothing else is in flight (the end of a batch) it looks at once. A folder whose
// listing takes more pages than there are files waiting in it is not listed: those files are asked about directly.
import { sleep as realSleep } from '../net/backoff';
import type { FrameioClient, UploadState } from '../frameio/types';

export const CONFIRM_TIMEOUT_MS = 120_000;
/** How often the watcher looks at its folders (not a poll: a poll is due only by the rules below). */
const TICK_MS = 50;
/** With nothing else in flight: first look soon after the last part (Frame.io usually has it by then), then back
 * off to every 2 s. */
const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 2_000;
/** With other bytes in flight, a folder is looked at no sooner than this after its previous look (or its first
 * waiter)… */
export const GATHER_MS = 1_000;
/** …and, while fewer files wait in it than its listing has pages, no sooner than this. */
export const MAX_GATHER_MS = 4_000;
/** Items per listing page the watcher assumes (V2's page; V4's holds 500, so this errs towards direct reads). */
export const LISTING_PAGE_ITEMS = 100;

interface Waiter {
  resolve: (state: UploadState) => void;
  reject: (error: Error) => void;
  deadline: number;
}

interface FolderWatch {
  waiters: Map<string, Waiter>;
  /** When the folder was last looked at, or when its first waiter came while none was waiting. */
  lastAt: number;
  delayMs: number;
  polling: boolean;
  /** Items its last listing returned: what the next one will cost. */
  knownItems: number;
}

export interface CompletionWatcherOptions {
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** True when no other bytes or creates are in flight: nothing is gained by waiting, so the watcher looks at once. */
  quiet?: () => boolean;
}

export class CompletionWatcher {
  private readonly folders = new Map<string, FolderWatch>();
  private ticking = false;
  /** Ticks × TICK_MS: the watcher's own clock, so an injected sleep (tests) drives it as it drives everything else. */
  private clock = 0;

  constructor(
    private readonly client: FrameioClient,
    private readonly options: CompletionWatcherOptions = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Resolves with the asset once Frame.io reports the upload complete; rejects after the timeout. */
  wait(assetId: string, parentId: string): Promise<UploadState> {
    return new Promise((resolve, reject) => {
      const now = this.clock;
      let watch = this.folders.get(parentId);
      if (!watch) {
        watch = { waiters: new Map(), lastAt: now, delayMs: FIRST_POLL_MS, polling: false, knownItems: 0 };
        this.folders.set(parentId, watch);
      }
      if (watch.waiters.size === 0 && !watch.polling) {
        watch.lastAt = now;
        watch.delayMs = FIRST_POLL_MS;
      }
      watch.waiters.set(assetId, { resolve, reject, deadline: this.now() + (this.options.timeoutMs ?? CONFIRM_TIMEOUT_MS) });
      this.startTicking();
    });
  }

  private pages(watch: FolderWatch): number {
    return Math.max(1, Math.ceil(watch.knownItems / LISTING_PAGE_ITEMS));
  }

  private due(watch: FolderWatch, quiet: boolean, now: number): boolean {
    if (watch.polling || watch.waiters.size === 0) return false;
    const waited = now - watch.lastAt;
    if (quiet) return waited >= watch.delayMs;
    if (waited < Math.max(watch.delayMs, GATHER_MS)) return false;
    return watch.waiters.size >= this.pages(watch) || waited >= MAX_GATHER_MS;
  }

  private startTicking(): void {
    if (this.ticking) return;
    this.ticking = true;
    void this.tickLoop();
  }

  private async tickLoop(): Promise<void> {
    const sleep = this.options.sleep ?? realSleep;
    while (this.folders.size > 0) {
      await sleep(TICK_MS);
      await new Promise<void>((resolve) => setImmediate(resolve)); // a sleep that returns at once must not starve I/O
      const now = (this.clock += TICK_MS);
      const quiet = this.options.quiet?.() ?? true;
      for (const [parentId, watch] of this.folders) {
        if (this.due(watch, quiet, now)) void this.poll(parentId, watch);
        else if (!watch.polling && watch.waiters.size === 0) this.folders.delete(parentId);
      }
    }
    this.ticking = false;
  }

  private async poll(parentId: string, watch: FolderWatch): Promise<void> {
    watch.polling = true;
    const ids = [...watch.waiters.keys()];
    const found = new Map<string, UploadState>();
    try {
      if (this.pages(watch) <= ids.length) {
        const listing = await this.client.listFiles(parentId);
        watch.knownItems = listing.length;
        for (const asset of listing) if (watch.waiters.has(asset.id)) found.set(asset.id, { id: asset.id, complete: asset.uploadComplete, xxHash: asset.xxHash });
      }
      // Not listed (a folder too big to list for so few, or stacked meanwhile): ask about it directly.
      for (const id of ids) if (!found.has(id)) found.set(id, await this.client.uploadState(id));
    } catch (error) {
      for (const id of ids) this.settle(watch, id, null, error as Error);
      return this.polled(watch);
    }
    for (const id of ids) {
      const asset = found.get(id);
      if (asset?.complete) this.settle(watch, id, asset, null);
      else if (this.now() >= (watch.waiters.get(id)?.deadline ?? 0)) {
        // Every byte was sent: a re-upload would make a duplicate, so say where the asset is instead.
        this.settle(watch, id, null, new Error(`every part was sent, but Frame.io has not yet marked asset ${id} complete; check it before uploading again`));
      }
    }
    // Files still waiting were seen incomplete: look less often; files that came meanwhile start the count afresh.
    watch.delayMs = ids.some((id) => watch.waiters.has(id)) ? Math.min(MAX_POLL_MS, watch.delayMs * 2) : FIRST_POLL_MS;
    this.polled(watch);
  }

  private polled(watch: FolderWatch): void {
    watch.polling = false;
    watch.lastAt = this.clock;
    if (watch.waiters.size > 0) this.startTicking();
  }

  private settle(watch: FolderWatch, id: string, asset: UploadState | null, error: Error | null): void {
    const waiter = watch.waiters.get(id);
    if (!waiter) return;
    watch.waiters.delete(id);
    if (asset) waiter.resolve(asset);
    else waiter.reject(error ?? new Error('not confirmed'));
  }
}
