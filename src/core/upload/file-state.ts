// One record per file: everything about one file's upload lives here — where it comes from, where it goes, what
// the person asked for (version of, conflict choice), where it stands, its parts and its control. The CLI prints it,
// the journal persists it, the window's rows show it. Its status changes only through file-lifecycle.ts.
import type { UploadPart } from '../frameio/types';
import type { UploadStatus } from '../../shared/upload-status';
import { FileControl } from './file-control';
import { FileProgress } from './file-progress';

export type FileStatus = UploadStatus;
export { FINAL_STATUSES, IN_PROGRESS_STATUSES, SETTLED_STATUSES, SUCCEEDED_STATUSES } from '../../shared/upload-status';

export type ConflictPolicy = 'skip' | 'rename' | 'version';

export interface FileState {
  readonly id: number;
  /** The batch the file was enqueued in; a retry runs it again in the same batch. */
  readonly batchId: string;
  // Source: the local file, as it was when the upload (or its latest retry) started.
  readonly path: string;
  size: number;
  mtimeMs: number;
  // Destination: the remote folder path relative to the batch's target ('' = the target itself) and the names.
  readonly remoteDir: string;
  readonly name: string;
  /** The remote name (differs from `name` when the conflict policy renamed it). */
  remoteName: string;
  // Intent: what the person asked for. A retry or a resume keeps it.
  /** Set when this upload becomes a new version of an existing asset. */
  versionOf: string | null;
  onConflict: ConflictPolicy;
  /** The conflict policy was applied (skip, rename or version decided): not asked again on retry or resume. */
  conflictResolved: boolean;
  /** Where the file stands: written only by file-lifecycle's transition. */
  readonly status: FileStatus;
  /** Why it failed (or was left unfinished), in words; null otherwise. */
  readonly error: string | null;
  // Parts: the remote asset and what storage acknowledged.
  assetId: string | null;
  /** The asset's Content-Type and its pre-signed parts, kept so a resumed upload can continue the same asset. */
  contentType: string | null;
  parts: UploadPart[] | null;
  /** When the part URLs stop working (epoch ms), or null when the URLs do not say. */
  urlsExpireAt: number | null;
  /** Indexes of parts S3 acknowledged. */
  partsDone: Set<number>;
  progress: FileProgress;
  /** Part attempts that failed and were tried again, plus asset re-creations. */
  retries: number;
  /** xxHash64 of the local bytes (hex), computed while uploading. */
  xxHash: string | null;
  /** Pause, resume and cancel for this file; `control.paused` is the one truth of "the person paused it". */
  readonly control: FileControl;
}

export interface NewFile {
  path: string;
  remoteDir: string;
  name: string;
  size: number;
  mtimeMs: number;
}

type Intent = { onConflict: ConflictPolicy; versionOf?: string | null; conflictResolved?: boolean };

/** What a file that has not started yet is, in plain fields (its journal record is these, with its id and no parts). */
export function queuedFields(f: NewFile, intent: Intent) {
  return {
    path: f.path,
    remoteDir: f.remoteDir,
    name: f.name,
    remoteName: f.name,
    size: f.size,
    mtimeMs: f.mtimeMs,
    versionOf: intent.versionOf ?? null,
    onConflict: intent.onConflict,
    conflictResolved: intent.conflictResolved ?? false,
    status: 'queued' as const,
    error: null,
    assetId: null,
    contentType: null,
    parts: null,
    urlsExpireAt: null,
    retries: 0,
    xxHash: null,
  };
}

export function newFileState(id: number, batchId: string, f: NewFile, intent: Intent): FileState {
  return { id, batchId, ...queuedFields(f, intent), partsDone: new Set(), progress: new FileProgress(f.size), control: new FileControl() };
}

/** The remote asset and its parts are gone (deleted, or never to be completed): the next attempt creates a new one. */
export function forgetAsset(file: FileState): void {
  file.assetId = null;
  file.parts = null;
  file.urlsExpireAt = null;
  file.partsDone.clear();
}
