// One vocabulary for where a file's upload stands, shared by the engine (src/core), the desktop backend, the CLI and
// the renderer, so "done" or "active" means the same thing everywhere. The engine's transition table
// (src/core/upload/file-lifecycle.ts) says which moves between them are allowed.

export const UPLOAD_STATUSES = [
  'queued',
  'creating',
  'uploading',
  'paused',
  /** Waiting for the network to come back; resumes by itself. */
  'offline',
  'confirming',
  'completed',
  'skipped',
  'failed',
  'canceled',
] as const;

export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

type StatusSet = ReadonlySet<UploadStatus>;

/** Not finished yet: the file is waiting, moving, paused or being confirmed. */
export const IN_PROGRESS_STATUSES: StatusSet = new Set(['queued', 'creating', 'uploading', 'paused', 'offline', 'confirming']);
/** In progress and not held by the person: what quitting now would cut off. */
export const MOVING_STATUSES: StatusSet = new Set(['queued', 'creating', 'uploading', 'offline', 'confirming']);
/** Frame.io has the file: uploaded now, or already there. */
export const SUCCEEDED_STATUSES: StatusSet = new Set(['completed', 'skipped']);
/** Ended without the file arriving: it failed, or the person canceled it. Both can be retried. */
export const UNSUCCESSFUL_STATUSES: StatusSet = new Set(['failed', 'canceled']);
/** The engine never leaves these by itself (only a retry does). */
export const FINAL_STATUSES: StatusSet = new Set(['completed', 'skipped', 'failed', 'canceled']);
/** Nothing is left to do for the batch: everything else (failed included) is continued by `ferry resume`. */
export const SETTLED_STATUSES: StatusSet = new Set(['completed', 'skipped', 'canceled']);

export const isInProgress = (status: UploadStatus): boolean => IN_PROGRESS_STATUSES.has(status);
export const isFinal = (status: UploadStatus): boolean => FINAL_STATUSES.has(status);
export const isSettled = (status: UploadStatus): boolean => SETTLED_STATUSES.has(status);
