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
  /** Queued or being hashed: schedule() twice queues once. */
  private readonly queued = new Set<string>();
  /**
   * One file hashed at a time: a burst of 500 completions must not become 500 concurrent downloads competing with
   * the uploads themselves (Frame.io, too, computes checksums in its own time after the upload). Waiting files are
   * their ids in a FIFO, not a chain of promises: 100,000 tiny files completing faster than they are hashed once
   * queued a promise, a closure and a context each (~0.5 KB a file, tens of MB).
   */
  private readonly fifo = new IdQueue();
  private draining = false;

  constructor(private readonly deps: ChecksumDeps) {}

  /** Files waiting or being hashed (tests). */
  get pending(): number {
    return this.queued.size;
  }

  /** Queues hashing a completed file unless it already has its checksum or is queued. */
  schedule(assetId: string): void {
    const asset = this.deps.store.asset(assetId);
    if (!asset || asset.type !== 'file' || asset.uploadCompletedAt === null || asset.xxHash !== null) return;
    if (this.queued.has(asset.id)) return;
    this.queued.add(asset.id);
    this.fifo.push(asset.id);
    if (this.draining) return;
    this.draining = true;
    this.deps.inFlight.add(this.drain());
  }

  /** Every completed file still without a checksum: seed files, and files whose hashing a close() cut short. */
  backfill(): void {
    for (const id in this.deps.store.state.assets) this.schedule(id);
  }

  private async drain(): Promise<void> {
    try {
      for (let id = this.fifo.shift(); id !== undefined; id = this.fifo.shift()) {
        try {
          const asset = this.deps.store.asset(id);
          if (!this.deps.shutdown.signal.aborted && asset) await this.run(id, asset.partCount);
        } finally {
          this.queued.delete(id);
        }
      }
    } finally {
      this.draining = false;
    }
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

/** A FIFO of ids: an array read from a moving head, compacted once the read half dominates. */
class IdQueue {
  private items: string[] = [];
  private head = 0;

  push(id: string): void {
    this.items.push(id);
  }

  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const id = this.items[this.head];
    this.head += 1;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return id;
  }
}
