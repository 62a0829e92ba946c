import type { Store } from './state/store.js';
import type { PartStore } from './storage/part-store.js';
import { stitchedParts } from './storage/stitched.js';
import type { InFlight } from './util/in-flight.js';
import { xxHash64Hex } from './util/xxhash64.js';

export interface ChecksumDeps {
  store: Store;
  parts: PartStore;
  /** Hashing is background work: close() waits for it (it stops early once `shutdown` aborts). */
  inFlight: InFlight;
  shutdown: AbortController;
  log: (line: string) => void;
}

/**
 * Computes `checksums.xx_hash` of completed files the way Frame.io does: after completion, over the stitched
 * bytes as stored (not what the client claims), so a client comparing it with its local hash catches corruption.
 * In the background, because hashing a large file must not hold up the PUT or read that noticed completion;
 * until it lands the API shows `checksums: null`, which clients must tolerate on Frame.io too.
 */
export class ChecksumJobs {
  private readonly running = new Set<string>();
  /** One file hashed at a time: a burst of 500 completions must not become 500 concurrent downloads competing with
   * the uploads themselves (Frame.io, too, computes checksums in its own time after the upload). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ChecksumDeps) {}

  /** Queues hashing a completed file unless it already has its checksum or is queued. */
  schedule(assetId: string): void {
    const asset = this.deps.store.asset(assetId);
    if (!asset || asset.type !== 'file' || asset.uploadCompletedAt === null || asset.xxHash !== null) return;
    if (this.running.has(assetId)) return;
    this.running.add(assetId);
    const partCount = asset.partCount;
    const job = this.queue
      .then(() => (this.deps.shutdown.signal.aborted ? undefined : this.run(assetId, partCount)))
      .finally(() => this.running.delete(assetId));
    this.queue = job;
    this.deps.inFlight.add(job);
  }

  /** Every completed file still without a checksum: seed files, and files whose hashing a close() cut short. */
  backfill(): void {
    for (const id of Object.keys(this.deps.store.state.assets)) this.schedule(id);
  }

  private async run(assetId: string, partCount: number): Promise<void> {
    const { store, parts, shutdown, log } = this.deps;
    try {
      const hash = await xxHash64Hex(stitchedParts(parts, assetId, partCount), shutdown.signal);
      const current = store.asset(assetId);
      if (!current || current.partCount !== partCount) return; // deleted (or replaced) while we read it
      current.xxHash = hash;
      store.save();
    } catch (err) {
      // Closing, or the file was deleted under us: nothing to report. A restart's backfill retries the former.
      if (shutdown.signal.aborted || !store.asset(assetId)) return;
      log(`checksum of ${assetId} failed: ${String(err)}`);
    }
  }
}
