// The files of a batch that succeeded and left memory (issue 14 §5): a 100,000-file batch must not keep a record
// object per finished file. What the journal and the report still need of them is kept in columns — status,
// retries, acknowledged bytes, asset id, checksum, Content-Type — and the few fields that can differ from the file's
// source record (renamed on a conflict, changed before a retry, stacked as a version) only for the files where they
// do. The rest is read back from the source (the scan's entry, or the journaled record) when a record is asked for.
import { UPLOAD_STATUSES } from '../../shared/upload-status';
import type { JournalFileRecord } from './journal';
import { packedHashes, packedUuids, type PackedStrings } from './packed-strings';

/** Fields a finished file's record may hold that differ from its source record; anything else comes from the source
 * (or, for parts, is gone: a file that succeeded keeps no part URLs). */
const MAY_DIFFER = ['path', 'remoteDir', 'name', 'remoteName', 'size', 'mtimeMs', 'versionOf', 'onConflict', 'conflictResolved', 'error'] as const;
type Differing = Partial<Pick<JournalFileRecord, (typeof MAY_DIFFER)[number]>>;

export class SettledFiles {
  /** 0: not settled; else 1 + the status's index in UPLOAD_STATUSES. */
  private readonly statuses: Uint8Array;
  private readonly retries: Uint32Array;
  private readonly acked: Float64Array;
  private readonly assetIds: PackedStrings;
  private readonly hashes: PackedStrings;
  private readonly contentTypes: Array<string | null>;
  /** A Content-Type is one of a few: each file's copy (from its API answer) is replaced by the first one seen. */
  private readonly types = new Map<string, string>();
  private readonly differing = new Map<number, Differing>();
  private settledCount = 0;

  constructor(readonly count: number) {
    this.statuses = new Uint8Array(count);
    this.retries = new Uint32Array(count);
    this.acked = new Float64Array(count);
    this.assetIds = packedUuids(count);
    this.hashes = packedHashes(count);
    this.contentTypes = new Array<string | null>(count).fill(null);
  }

  get size(): number {
    return this.settledCount;
  }

  has(index: number): boolean {
    return this.statuses[index] !== 0;
  }

  /** Keeps what `record` says beyond its `source`, and the bytes storage acknowledged for it. */
  settle(index: number, record: JournalFileRecord, source: JournalFileRecord, ackedBytes: number): void {
    if (!this.has(index)) this.settledCount++;
    this.statuses[index] = 1 + UPLOAD_STATUSES.indexOf(record.status);
    this.retries[index] = record.retries;
    this.acked[index] = ackedBytes;
    this.assetIds.set(index, record.assetId);
    this.hashes.set(index, record.xxHash);
    const type = record.contentType;
    if (type !== null && !this.types.has(type)) this.types.set(type, type);
    this.contentTypes[index] = type === null ? null : (this.types.get(type) as string);
    const differs: Differing = {};
    let any = false;
    for (const key of MAY_DIFFER) {
      if (record[key] === source[key]) continue;
      (differs as Record<string, unknown>)[key] = record[key];
      any = true;
    }
    if (any) this.differing.set(index, differs);
    else this.differing.delete(index);
  }

  /** The journal record of a settled file, rebuilt over its source. */
  record(index: number, source: JournalFileRecord): JournalFileRecord {
    return {
      ...source,
      ...this.differing.get(index),
      status: UPLOAD_STATUSES[(this.statuses[index] as number) - 1] as JournalFileRecord['status'],
      retries: this.retries[index] as number,
      assetId: this.assetIds.get(index),
      xxHash: this.hashes.get(index),
      contentType: this.contentTypes[index] as string | null,
      parts: null,
      urlsExpireAt: null,
      partsDone: [],
    };
  }

  ackedBytes(index: number): number {
    return this.acked[index] as number;
  }
}
