// What must survive a crash: for every file of a batch its identity (path, size, mtime), its intent (version of,
// conflict choice), its remote asset, its part URLs and their expiry, and which parts S3 acknowledged. One JSON file
// per batch, replaced atomically, read back through a zod schema like every other boundary (decision 0011): a file
// that does not match is reported as unreadable, never half-used. The token is never written here. Part URLs are
// bearer-like secrets for 24 h, so files are 0600 in a 0700 folder.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UPLOAD_STATUSES } from '../../shared/upload-status';
import { appendLog, type LogEntry, readLog, resetLog } from './journal-log';
import { FileControl } from './file-control';
import { FileProgress } from './file-progress';
import type { FileState, FileStatus } from './file-state';

export type { ConflictPolicy } from './file-state';

/** 2: each file carries its own intent (onConflict, conflictResolved), the batch its API version and account.
 * Version 1 files are read and upgraded. */
export const JOURNAL_VERSION = 2;

const conflictPolicy = z.enum(['skip', 'rename', 'version']);
const part = z.object({ url: z.string(), size: z.number().int().nonnegative() });

const fileRecord = z.object({
  id: z.number().int().nonnegative(),
  path: z.string().min(1),
  remoteDir: z.string(),
  name: z.string().min(1),
  remoteName: z.string().min(1),
  size: z.number().int().positive(),
  mtimeMs: z.number(),
  status: z.enum(UPLOAD_STATUSES),
  versionOf: z.string().nullable(),
  onConflict: conflictPolicy.optional(),
  conflictResolved: z.boolean().optional(),
  assetId: z.string().nullable(),
  contentType: z.string().nullable(),
  parts: z.array(part).nullable(),
  urlsExpireAt: z.number().nullable(),
  partsDone: z.array(z.number().int().nonnegative()),
  retries: z.number().int().nonnegative(),
  xxHash: z.string().nullable(),
  error: z.string().nullable(),
});

const batchRecord = z.object({
  version: z.union([z.literal(1), z.literal(JOURNAL_VERSION)]),
  id: z.string().min(1),
  apiUrl: z.string().min(1),
  /** Which client resumes it (V4 also needs the account every URL names). */
  apiVersion: z.enum(['v2', 'v4']).optional(),
  accountId: z.string().nullable().optional(),
  targetFolderId: z.string().min(1),
  onConflict: conflictPolicy,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Remote folder path → folder id, for folders already created or reused. */
  folders: z.record(z.string(), z.string()),
  files: z.array(fileRecord),
  /** Names the log (journal-log.ts) that continues this snapshot; absent in journals written before the log. */
  logId: z.string().optional(),
});

export type JournalFileRecord = Required<z.infer<typeof fileRecord>>;
export type BatchRecord = Omit<z.infer<typeof batchRecord>, 'version' | 'files' | 'apiVersion' | 'accountId' | 'logId'> & {
  version: typeof JOURNAL_VERSION;
  apiVersion: 'v2' | 'v4';
  accountId: string | null;
  files: JournalFileRecord[];
};

/** A journal file's contents as a batch, or null when it is not one (damaged, hand-edited, from a newer Ferry). */
export function parseBatchRecord(value: unknown): BatchRecord | null {
  const parsed = batchRecord.safeParse(value);
  if (!parsed.success) return null;
  const { logId: _logId, ...batch } = parsed.data;
  // Version 1 kept the conflict policy per batch and resumed every file as already decided.
  const files = batch.files.map((f) => ({ ...f, onConflict: f.onConflict ?? batch.onConflict, conflictResolved: f.conflictResolved ?? true }));
  return { ...batch, version: JOURNAL_VERSION, apiVersion: batch.apiVersion ?? 'v2', accountId: batch.accountId ?? null, files };
}

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
      const raw = JSON.parse(await readFile(path.join(this.dir, name), 'utf8')) as Record<string, unknown>;
      const entries = await readLog(path.join(this.dir, name.replace(/\.json$/, '.log')), typeof raw.logId === 'string' ? raw.logId : undefined);
      return parseBatchRecord(replay(raw, entries));
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

/** A snapshot's text, in pieces: the header (its closing brace held back), then the files, then the end. */
function* snapshotText(head: string, files: Iterable<JournalFileRecord>): Generator<string> {
  yield `${head.slice(0, -1)},"files":[`;
  let first = true;
  for (const file of files) {
    yield `${first ? '' : ','}${JSON.stringify(file)}`;
    first = false;
  }
  yield ']}\n';
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

/** A snapshot with its log's entries applied in order: the last record of each file wins, the last header too. */
function replay(snapshot: Record<string, unknown>, entries: readonly LogEntry[]): Record<string, unknown> {
  if (!entries.length) return snapshot;
  let header: Record<string, unknown> = snapshot;
  const files = Array.isArray(snapshot.files) ? [...(snapshot.files as Array<{ id?: unknown }>)] : [];
  const at = new Map(files.map((f, i) => [f?.id, i]));
  for (const entry of entries) {
    if (entry.h && typeof entry.h === 'object') header = entry.h as Record<string, unknown>;
    const file = entry.f as { id?: unknown } | undefined;
    if (!file || typeof file !== 'object') continue;
    const i = at.get(file.id);
    if (i === undefined) at.set(file.id, files.push(file) - 1);
    else files[i] = file;
  }
  return { ...header, files };
}

/** A journaled file as a live record again, for a resumed batch (its parts acknowledged so far count as sent), with
 * the status it resumes in (a file that was uploading when the process died is not uploading now). */
export function fileFromRecord(record: JournalFileRecord, batchId: string, id: number, status: FileStatus, error: string | null): FileState {
  const progress = new FileProgress(record.size);
  for (const index of record.partsDone) progress.acknowledge(index, record.parts?.[index]?.size ?? 0);
  const { partsDone, ...rest } = record;
  return { ...rest, id, batchId, status, error, partsDone: new Set(partsDone), progress, control: new FileControl() };
}
