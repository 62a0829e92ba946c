// What must survive a crash: for every file of a batch its identity (path, size, mtime), its intent (version of,
// conflict choice), its remote asset, its part URLs and their expiry, and which parts S3 acknowledged. One JSON file
// per batch, replaced atomically, read back through a zod schema like every other boundary (decision 0011): a file
// that does not match is reported as unreadable, never half-used. The token is never written here. Part URLs are
// bearer-like secrets for 24 h, so files are 0600 in a 0700 folder.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { appendLog, type LogEntry, resetLog } from './journal-log';
import { FILES_OPENER, readBatchFiles } from './journal-read';
import type { BatchRecord, JournalFileRecord } from './journal-schema';
import { FileControl } from './file-control';
import { FileProgress } from './file-progress';
import type { FileState, FileStatus } from './file-state';

export type { ConflictPolicy } from './file-state';
export { type BatchRecord, JOURNAL_VERSION, type JournalFileRecord, parseBatchRecord } from './journal-schema';

export const newBatchId = (): string => `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;

/** The journal's view of a file. A file that succeeded keeps no parts: its URLs are of no more use to anyone. */
export function recordOf(file: FileState): JournalFileRecord {
  const done = file.status === 'completed' || file.status === 'skipped';
  return {
    id: file.id,
    path: file.path,
    remoteDir: file.remoteDir,
    name: file.name,
    remoteName: file.remoteName,
    size: file.size,
    mtimeMs: file.mtimeMs,
    status: file.status,
    versionOf: file.versionOf,
    onConflict: file.onConflict,
    conflictResolved: file.conflictResolved,
    assetId: file.assetId,
    contentType: file.contentType,
    parts: done ? null : file.parts,
    urlsExpireAt: done ? null : file.urlsExpireAt,
    partsDone: done ? [] : [...file.partsDone].sort((a, b) => a - b),
    retries: file.retries,
    xxHash: file.xxHash,
    error: file.error,
  };
}

/** A batch without its files: what a log's header entry holds. */
export type BatchHeader = Omit<BatchRecord, 'files'>;

export class Journal {
  constructor(readonly dir: string) {}

  private fileFor(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private logFor(id: string): string {
    return path.join(this.dir, `${id}.log`);
  }

  /** Replaces the batch's snapshot with all of it and starts an empty log; returns the snapshot's size in bytes. The
   * files are written as they come, a chunk at a time: a 100,000-file snapshot is never one string (issue 14 §5). */
  async write(batch: Omit<BatchRecord, 'files'> & { files: Iterable<JournalFileRecord> }): Promise<number> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    batch.updatedAt = new Date().toISOString();
    const logId = randomUUID();
    const { files, ...header } = batch;
    const head = JSON.stringify({ ...header, logId });
    const bytes = await writeChunksAtomic(this.fileFor(batch.id), snapshotText(head, files));
    await resetLog(this.logFor(batch.id), logId);
    return bytes;
  }

  /** Adds what changed since the last write (the header when it changed, and changed files) to the batch's log, which
   * a snapshot must have started; returns the log's size in bytes. */
  async append(id: string, header: BatchHeader | null, files: readonly JournalFileRecord[]): Promise<number> {
    const entries: LogEntry[] = files.map((f) => ({ f }));
    if (header) entries.unshift({ h: { ...header, updatedAt: new Date().toISOString() } });
    return appendLog(this.logFor(id), entries);
  }

  /** Removes a batch's files; a file that is not there (nor its folder, nor a folder where one could be) is done. */
  async remove(id: string): Promise<void> {
    for (const file of [this.fileFor(id), this.logFor(id)]) {
      try {
        await rm(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      }
    }
  }

  /** One batch as it stands: its snapshot with its log replayed; null when unreadable. */
  async read(id: string): Promise<BatchRecord | null> {
    return this.readFile(`${id}.json`);
  }

  private async readFile(name: string): Promise<BatchRecord | null> {
    try {
      return await readBatchFiles(path.join(this.dir, name), path.join(this.dir, name.replace(/\.json$/, '.log')));
    } catch {
      return null;
    }
  }

  /** Every readable batch, oldest first. Unreadable files are reported, never thrown, so one bad file cannot block resume. */
  async list(): Promise<{ batches: BatchRecord[]; unreadable: string[] }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { batches: [], unreadable: [] };
      throw error;
    }
    const batches: BatchRecord[] = [];
    const unreadable: string[] = [];
    for (const name of names.sort()) {
      const batch = await this.readFile(name);
      if (batch) batches.push(batch);
      else unreadable.push(name);
    }
    return { batches, unreadable };
  }
}

/** A snapshot's text, in pieces: the header (its closing brace held back), then a line per file, then the end —
 * still one JSON value, and read back a line at a time (journal-read.ts). */
function* snapshotText(head: string, files: Iterable<JournalFileRecord>): Generator<string> {
  yield `${head.slice(0, -1)},${FILES_OPENER}`;
  let first = true;
  for (const file of files) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(file)}`;
    first = false;
  }
  yield '\n]}\n';
}

const CHUNK_CHARS = 1 << 20;

/** Writes the pieces to a temporary file beside `file` a chunk at a time, syncs it and renames it over `file` (a crash
 * leaves the old file or the new one, as writeFileAtomic does); returns the bytes written. */
async function writeChunksAtomic(file: string, pieces: Iterable<string>): Promise<number> {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  let bytes = 0;
  try {
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length < CHUNK_CHARS) continue;
      bytes += (await handle.write(chunk)).bytesWritten;
      chunk = '';
    }
    if (chunk) bytes += (await handle.write(chunk)).bytesWritten;
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  return bytes;
}

/** A journaled file as a live record again, for a resumed batch (its parts acknowledged so far count as sent), with
 * the status it resumes in (a file that was uploading when the process died is not uploading now). */
export function fileFromRecord(record: JournalFileRecord, batchId: string, id: number, status: FileStatus, error: string | null): FileState {
  const progress = new FileProgress(record.size);
  for (const index of record.partsDone) progress.acknowledge(index, record.parts?.[index]?.size ?? 0);
  const { partsDone, ...rest } = record;
  return { ...rest, id, batchId, status, error, partsDone: new Set(partsDone), progress, control: new FileControl() };
}
