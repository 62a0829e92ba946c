// The engine's vocabulary: its options, the requests it takes, the events it emits and the report it returns.
import mime from 'mime';
import type { FrameioClient } from '../frameio/types';
import type { TokenRequest } from './auth-gate';
import { FileProgress } from './file-progress';
import type { FileState } from './file-state';
import type { ConflictPolicy } from './journal';
import type { Probe } from './network-gate';
import type { ScanProblem, ScanResult } from './scan';

/** Parts in flight across the whole batch (the adaptive limit's ceiling). See docs/decisions/0004-concurrency.md. */
export const DEFAULT_PARTS_IN_FLIGHT = 8;
/** Concurrent asset creations: Frame.io V2 allows about 5 creates per second per user. */
export const DEFAULT_CREATES_IN_FLIGHT = 4;
/** Progress events at most this often (architecture.md: ≈4 per second is plenty). */
export const PROGRESS_INTERVAL_MS = 250;

export const mediaTypeFor = (name: string): string => mime.getType(name) ?? 'application/octet-stream';

/** How long Frame.io's upload URLs stay valid (frameio-api.md 4: X-Amz-Expires=86400). */
export const URL_LIFETIME_MS = 24 * 3600 * 1000;

export type EngineEvent =
  | { type: 'batch'; batchId: string; fileIds: number[] }
  | { type: 'warning'; message: string }
  | { type: 'state'; file: FileState }
  | { type: 'progress'; files: readonly FileState[] }
  | { type: 'network'; online: boolean };

export interface EngineOptions {
  client: FrameioClient;
  /** Recorded in journals so `resume` only continues work for the same API. */
  apiUrl: string;
  /** Where batches are journaled; null = no journal (nothing can be resumed). */
  journalDir: string | null;
  concurrency?: number;
  /** Asked for a new token after a 401; null/undefined = fail the batch (it stays journaled). */
  requestToken?: TokenRequest;
  probe?: Probe;
  signal?: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
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

export interface BatchReport {
  batchId: string;
  files: FileState[];
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

export function newFileState(id: number, f: ScanResult['files'][number]): FileState {
  return {
    id,
    path: f.path,
    remoteDir: f.remoteDir,
    name: f.name,
    remoteName: f.name,
    size: f.size,
    mtimeMs: f.mtimeMs,
    status: 'queued',
    versionOf: null,
    assetId: null,
    contentType: null,
    parts: null,
    urlsExpireAt: null,
    partsDone: new Set(),
    progress: new FileProgress(f.size),
    retries: 0,
    xxHash: null,
    error: null,
  };
}
