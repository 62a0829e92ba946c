// The journal's append-only tail. A batch's journal is a snapshot (`<id>.json`, replaced atomically) plus a log
// (`<id>.log`) of the file records and batch headers changed since: one JSON object a line. Rewriting the whole
// snapshot on every milestone cost O(files) per write and a write per 16 parts, so a batch of N tiny files took
// O(N²); appending only what changed keeps each write as small as the change (issue 14). The log's first line names
// the snapshot it continues (`logId`): a log left over from before the last snapshot is ignored, never replayed over
// newer state. A crash mid-append leaves a torn last line, which the reader drops (that write never finished, so
// the staleness bound in journal-lag.ts did not count on it). The reader is journal-read.ts.
import { open } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-file';

export interface LogEntry {
  /** A file's record as it stands now (replaces the earlier one with its id). */
  f?: unknown;
  /** The batch's header (everything but its files) as it stands now. */
  h?: unknown;
}

/** Starts an empty log for the snapshot `logId`, atomically (a crash leaves the old log or the new one). */
export async function resetLog(file: string, logId: string): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify({ logId })}\n`);
}

/** Appends entries and syncs them to disk; returns the log's size after. */
export async function appendLog(file: string, entries: readonly LogEntry[]): Promise<number> {
  const handle = await open(file, 'a', 0o600);
  try {
    if (entries.length) {
      await handle.writeFile(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      await handle.sync();
    }
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
