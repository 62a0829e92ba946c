// The live state of one file in a batch: what the CLI prints, what the journal persists and what the UI's rows show.
import type { UploadPart } from '../frameio/types';
import type { FileProgress } from './file-progress';

export type FileStatus =
  | 'queued'
  | 'creating'
  | 'uploading'
  | 'paused'
  /** Waiting for the network to come back; resumes by itself. */
  | 'offline'
  | 'confirming'
  | 'completed'
  | 'skipped'
  | 'failed'
  | 'canceled';

/** States a file never leaves by itself. */
export const FINAL_STATUSES: ReadonlySet<FileStatus> = new Set(['completed', 'skipped', 'failed', 'canceled']);
/** States after which there is nothing left to do for a file: everything else is continued by `ferry resume`. */
export const DONE_STATUSES: ReadonlySet<FileStatus> = new Set(['completed', 'skipped', 'canceled']);

export interface FileState {
  id: number;
  path: string;
  /** Remote folder path relative to the upload target ('' = the target itself). */
  remoteDir: string;
  name: string;
  size: number;
  mtimeMs: number;
  status: FileStatus;
  /** The remote name (differs from `name` when the conflict policy renamed it). */
  remoteName: string;
  /** Set when this upload becomes a new version of an existing asset. */
  versionOf: string | null;
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
  error: string | null;
}
