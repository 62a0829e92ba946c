// The engine's vocabulary: its options, the requests it takes, the handle it gives back, the events it emits and the
// report a run returns.
import mime from 'mime';
import type { FrameioClient } from '../frameio/types';
import type { TokenRequest } from '../net/credentials';
import type { ConflictPolicy, FileState } from './file-state';
import type { JournalFileRecord } from './journal';
import type { PartUploader } from './part-uploader';
import type { ScanProblem, ScanResult } from './scan';

/** Parts in flight across the whole engine (the adaptive limit's ceiling). See docs/decisions/0004-concurrency.md. */
export const DEFAULT_PARTS_IN_FLIGHT = 8;
/** Concurrent asset creations: Frame.io V2 allows about 5 creates per second per user. */
export const DEFAULT_CREATES_IN_FLIGHT = 4;
/** A batch's files in memory and running at once, at most (raised to twice its file slots when that is more): the
 * files sending bytes, and the files past their bytes waiting for Frame.io's confirmation, which keep the slots busy.
 * Memory then stays bounded whatever the batch's size (issue 14 §5). */
export const MAX_FILES_IN_FLIGHT_PER_BATCH = 256;
/** Progress events at most this often (architecture.md: ≈4 per second is plenty). */
export const PROGRESS_INTERVAL_MS = 250;

export const mediaTypeFor = (name: string): string => mime.getType(name) ?? 'application/octet-stream';

/** How long Frame.io's upload URLs stay valid (frameio-api.md 4: X-Amz-Expires=86400). */
export const URL_LIFETIME_MS = 24 * 3600 * 1000;

export type EngineEvent =
  | { type: 'batch'; batchId: string; fileIds: number[] }
  | { type: 'warning'; message: string }
  /** A file moved (or something worth showing changed): sent at once, before the journal hears of it. */
  | { type: 'state'; file: FileState }
  | { type: 'progress'; files: readonly FileState[] }
  | { type: 'network'; online: boolean };

export interface EngineOptions {
  /** The client, and through it the session's pacer (every call, API and storage, is paced and retried there). */
  client: FrameioClient;
  /** Recorded in journals so `resume` only continues work for the same API. */
  apiUrl: string;
  /** Where batches are journaled; null = no journal (nothing can be resumed). */
  journalDir: string | null;
  concurrency?: number;
  /** Asked for a new token after a 401; null/undefined = the file stays unfinished (journaled). */
  requestToken?: TokenRequest;
  /** The whole engine stops (Ctrl-C, quit, sign-out): unfinished files stay journaled. */
  signal?: AbortSignal;
  /** One PUT of one part (default: node:http); injectable so the engine runs in tests without a network. */
  putPart?: PartUploader;
  /** The clock (default Date.now and setTimeout); vitest's fake timers drive both defaults too. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  confirmTimeoutMs?: number;
  partIdleTimeoutMs?: number;
  /** Throughput measured on earlier batches, to warn before starting a file that cannot finish before its URLs expire. */
  expectedBytesPerSec?: number | null;
}

export interface UploadRequest {
  scan: ScanResult;
  targetFolderId: string;
  onConflict?: ConflictPolicy;
  /** Upload the (single) scanned file as a new version of this asset, into that asset's folder. */
  versionOf?: { assetId: string; parentId: string };
}

/** What enqueue() gives back at once (lib-storage's `new Upload()` then `done()`): the ids exist before any byte moves. */
export interface BatchHandle {
  batchId: string;
  fileIds: number[];
  /** Settles when this run of the batch ends; rejects only when the batch could not run at all. */
  done: Promise<BatchReport>;
}

/** How each file of a run ended: its journal record (the live file may have left memory). */
export type FileOutcome = JournalFileRecord;

/** A run's outcomes, read in order or by position (an array is one; the engine's are made as they are read). */
export interface FileOutcomes extends Iterable<FileOutcome> {
  readonly length: number;
  at(index: number): FileOutcome | undefined;
}

export interface BatchReport {
  batchId: string;
  /** Made one at a time as they are read (batch-outcome's RunFiles): iterate, or `at(i)`; never an array of all. */
  files: FileOutcomes;
  problems: ScanProblem[];
  skippedJunk: string[];
  completed: number;
  skipped: number;
  failed: number;
  canceled: number;
  /** Files left unfinished by an interruption: `ferry resume` continues them. */
  unfinished: number;
  /** Bytes acknowledged by storage during this run, and how long the run took: the measured throughput. */
  bytesSent: number;
  elapsedMs: number;
}
