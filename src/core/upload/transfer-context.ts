// What one file's transfer needs from the engine around it, passed in so the transfer runs in a test with fakes: the
// client and its pacer, the shared limiters, the part uploader, the clock, and the engine's two ways of hearing about
// the file (a status move, or a change worth journaling).
import type { FrameioClient } from '../frameio/types';
import type { Pacer } from '../net/pacer';
import type { AdaptiveConcurrency } from './adaptive-concurrency';
import type { CompletionWatcher } from './completion-watcher';
import type { FileState, FileStatus } from './file-state';
import type { PartSlot } from './journal-lag';
import type { Limiter } from './limiter';
import type { PartUploader } from './part-uploader';

export interface TransferContext {
  client: FrameioClient;
  /** The session's pacer: every API call and every part PUT goes through it. */
  pacer: Pacer;
  /** Global cap on part PUTs in flight across every file of every batch. */
  partLimiter: Limiter;
  adaptive: AdaptiveConcurrency;
  /** Cap on concurrent asset creations (Frame.io allows ~5 creates/s). */
  createLimiter: Limiter;
  /** How many of one file's parts may be queued for a slot at once. */
  partsPerFile: number;
  mediaTypeFor: (name: string) => string;
  /** Confirms completion (batched per folder). */
  completions: CompletionWatcher;
  putPart: PartUploader;
  /** A part with no bytes moving for this long is aborted and retried (default PART_IDLE_TIMEOUT_MS). */
  partIdleTimeoutMs?: number;
  now: () => number;
  /** The whole engine stops (process exit, Ctrl-C, sign-out): files keep their placeholders for resume. */
  signal?: AbortSignal;
  /** The one way a file's status changes: file-lifecycle's transition, then the listeners and the journal hear of it. */
  move(file: FileState, to: FileStatus, error?: string | null): void;
  /** Something worth telling changed (a retry counted): listeners now, the journal soon. */
  report(file: FileState): void;
  /** Something worth keeping changed (a part acknowledged, an asset created): the journal writes it soon. */
  persist(file: FileState): void;
  /** Waits for room under the journal's staleness bound before a part of the file starts (journal-lag.ts). */
  reservePart(file: FileState): Promise<PartSlot>;
}
