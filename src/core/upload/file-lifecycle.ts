// How a file moves: the states a file's upload can be in, the moves allowed between them, and the one function that
// makes a move. The engine wraps `transition` so that every move also tells the listeners (the CLI's bars, the
// window's rows) and the batch's journal: nothing else writes a file's status. See docs/architecture.md, "How a
// file moves".
//
//   queued ─► creating ─► uploading ─► confirming ─► completed        queued ─► skipped (already there)
//                 ▲            │  ▲ │                                  uploading ─► creating (URLs expired: a new asset)
//                 └────────────┘  │ ▼                                  in progress ─► paused ─► back where it stood
//                              offline (waits for the network)       in progress ─► failed | canceled ─► queued (retry)
import type { FileState, FileStatus } from './file-state';

const ENDINGS: readonly FileStatus[] = ['failed', 'canceled'];

/** Where each status may go next. Moving to the same in-progress status (a new error text, say) is allowed. */
export const ALLOWED_MOVES: Readonly<Record<FileStatus, readonly FileStatus[]>> = {
  queued: ['queued', 'creating', 'uploading', 'paused', 'skipped', ...ENDINGS],
  creating: ['creating', 'queued', 'uploading', 'paused', ...ENDINGS],
  uploading: ['uploading', 'queued', 'creating', 'offline', 'confirming', 'paused', ...ENDINGS],
  offline: ['offline', 'uploading', 'paused', ...ENDINGS],
  confirming: ['confirming', 'uploading', 'completed', 'paused', ...ENDINGS],
  // A paused file goes back to where it stood (queued before its asset exists, uploading after), or ends.
  paused: ['paused', 'queued', 'creating', 'uploading', 'confirming', 'completed', 'skipped', ...ENDINGS],
  completed: [],
  skipped: [],
  // Retry: the same file, again, from the start of what is left.
  failed: ['queued', 'uploading'],
  canceled: ['queued'],
};

export class IllegalMoveError extends Error {
  override readonly name = 'IllegalMoveError';
}

export const canMove = (from: FileStatus, to: FileStatus): boolean => ALLOWED_MOVES[from].includes(to);

/** Moves `file` to `to` with `error` (null clears it). Throws IllegalMoveError for a move the table forbids: that is a
 * bug in the engine, never a user's doing. Returns the status it came from. */
export function transition(file: FileState, to: FileStatus, error: string | null = null): FileStatus {
  const from = file.status;
  if (!canMove(from, to)) throw new IllegalMoveError(`internal: file ${file.id} (${file.name}) cannot go from ${from} to ${to}`);
  const writable = file as { status: FileStatus; error: string | null };
  writable.status = to;
  writable.error = error;
  return from;
}

/** Where a file stands when nothing holds it: before its asset exists it waits in the queue; after, it uploads —
 * or, once every part is acknowledged, it is confirming (a file paused and resumed while Frame.io confirms it gets
 * the confirmation's answer there). */
export function restingStatus(file: FileState): FileStatus {
  if (!file.assetId) return 'queued';
  const acknowledged = file.parts !== null && file.parts.length > 0 && file.partsDone.size >= file.parts.length;
  return acknowledged ? 'confirming' : 'uploading';
}
