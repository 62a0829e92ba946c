// What must survive a crash: for every file of a batch its identity (path, size, mtime), its remote asset, its part
// URLs and their expiry, and which parts S3 acknowledged. One JSON file per batch, replaced atomically
// (write temp → fsync → rename), so a kill -9 at any moment leaves either the old or the new version, never half.
// The token is never written here. Part URLs are bearer-like secrets for 24 h, so files are 0600.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { UploadPart } from '../frameio/types';
import { FileProgress } from './file-progress';
import type { FileState, FileStatus } from './file-state';

export const JOURNAL_VERSION = 1;
/** Coalesce progress writes: at most this often per batch. A part acknowledged but not yet written is re-sent on
 * resume, which is safe (a re-PUT overwrites the part), so this only trades a little re-sending for fewer writes. */
export const JOURNAL_WRITE_INTERVAL_MS = 250;

export type ConflictPolicy = 'skip' | 'rename' | 'version';

export interface JournalFileRecord {
  id: number;
  path: string;
  remoteDir: string;
  name: string;
  remoteName: string;
  size: number;
  mtimeMs: number;
  status: FileStatus;
  versionOf: string | null;
  assetId: string | null;
  contentType: string | null;
  parts: UploadPart[] | null;
  urlsExpireAt: number | null;
  partsDone: number[];
  retries: number;
  xxHash: string | null;
  error: string | null;
}

export interface BatchRecord {
  version: typeof JOURNAL_VERSION;
  id: string;
  apiUrl: string;
  targetFolderId: string;
  onConflict: ConflictPolicy;
  createdAt: string;
  updatedAt: string;
  /** Remote folder path → folder id, for folders already created or reused. */
  folders: Record<string, string>;
  files: JournalFileRecord[];
}

export const newBatchId = (): string => `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;

export function recordOf(file: FileState): JournalFileRecord {
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
    assetId: file.assetId,
    contentType: file.contentType,
    parts: file.parts,
    urlsExpireAt: file.urlsExpireAt,
    partsDone: [...file.partsDone].sort((a, b) => a - b),
    retries: file.retries,
    xxHash: file.xxHash,
    error: file.error,
  };
}

export function stateOf(record: JournalFileRecord): FileState {
  const progress = new FileProgress(record.size);
  for (const index of record.partsDone) progress.acknowledge(index, record.parts?.[index]?.size ?? 0);
  return { ...record, partsDone: new Set(record.partsDone), progress };
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

function isBatchRecord(value: unknown): value is BatchRecord {
  const v = value as Partial<BatchRecord> | null;
  return Boolean(v && v.version === JOURNAL_VERSION && typeof v.id === 'string' && Array.isArray(v.files) && typeof v.apiUrl === 'string');
}

export class Journal {
  constructor(readonly dir: string) {}

  private fileFor(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  async write(batch: BatchRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    batch.updatedAt = new Date().toISOString();
    await writeAtomic(this.fileFor(batch.id), `${JSON.stringify(batch)}\n`);
  }

  async remove(id: string): Promise<void> {
    await rm(this.fileFor(id), { force: true });
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
      try {
        const parsed: unknown = JSON.parse(await readFile(path.join(this.dir, name), 'utf8'));
        if (isBatchRecord(parsed)) batches.push(parsed);
        else unreadable.push(name);
      } catch {
        unreadable.push(name);
      }
    }
    return { batches, unreadable };
  }
}

/** Keeps one batch's journal file up to date: immediate writes for milestones, coalesced writes for progress.
 * Writes are group-committed: while one is running, every flush requested meanwhile shares the single next write,
 * so 300 small files creating assets at once cost a handful of writes, not 600. */
export class BatchJournal {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly journal: Journal,
    readonly record: BatchRecord,
    private readonly files: () => readonly FileState[],
    /** Told once, at the first write that fails: the upload goes on, but could not be resumed after a crash. */
    private readonly onFirstError: (error: Error) => void = () => {},
  ) {}

  /** Resolves once a write that started after this call has finished: use before an action a crash must not lose. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    const next: Promise<void> = previous.then(async () => {
      this.queued = null; // later flushes must see the state after this snapshot: they queue the next write
      this.running = next;
      this.record.files = this.files().map(recordOf);
      try {
        await this.journal.write(this.record);
      } catch (error) {
        if (!this.failure) this.onFirstError(error as Error);
        this.failure = error as Error;
      } finally {
        if (this.running === next) this.running = null;
      }
    });
    this.queued = next;
    return next;
  }

  /** Writes soon, at most every JOURNAL_WRITE_INTERVAL_MS. */
  touch(): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), JOURNAL_WRITE_INTERVAL_MS);
  }

  /** The last write error, if any. */
  get lastError(): Error | null {
    return this.failure;
  }
}
