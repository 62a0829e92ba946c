// The journal's append-only tail. A batch's journal is a snapshot (`<id>.json`, replaced atomically) plus a log
// (`<id>.log`) of the file records and batch headers changed since: one JSON object a line. Rewriting the whole
// snapshot on every milestone cost O(files) per write and a write per 16 parts, so a batch of N tiny files took
// O(N²); appending only what changed keeps each write as small as the change (issue 14). The log's first line names
// the snapshot it continues (`logId`): a log left over from before the last snapshot is ignored, never replayed over
// newer state. A crash mid-append leaves a torn last line, which the reader drops (that write never finished, so
// the staleness bound in journal-lag.ts did not count on it).
import { open, readFile, stat } from 'node:fs/promises';
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

/** The entries of the log that continues snapshot `logId`, in order; none when there is no log or it belongs to
 * another snapshot. Reading stops at the first line that is not a whole JSON object (a torn last append). */
export async function readLog(file: string, logId: string | undefined): Promise<LogEntry[]> {
  if (!logId) return [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  if (parseLine(lines[0])?.logId !== logId) return [];
  const entries: LogEntry[] = [];
  // The last element is what follows the final newline: empty, or a line whose newline never reached the disk.
  for (const line of lines.slice(1, -1)) {
    const entry = parseLine(line);
    if (!entry) break;
    entries.push(entry);
  }
  return entries;
}

export async function logSize(file: string): Promise<number> {
  return stat(file).then((s) => s.size, () => 0);
}

function parseLine(line: string | undefined): (LogEntry & { logId?: unknown }) | null {
  if (!line) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as LogEntry) : null;
  } catch {
    return null;
  }
}
