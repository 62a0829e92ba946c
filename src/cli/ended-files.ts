// The files of a run that ended, as the progress view counts them (issue 14 §5): a file that failed or was canceled
// is kept by id (a retry puts it back in progress), but one that succeeded is final, so it is only counted — a
// 100,000-file batch must not keep an entry per finished file in the view either.

export interface Ended {
  ok: boolean;
  bytes: number;
  skipped?: boolean;
}

export class EndedFiles {
  private readonly unsuccessful = new Map<number, Ended>();
  private succeeded = { count: 0, bytes: 0, skipped: 0, sentBytes: 0 };

  set(id: number, end: Ended): void {
    if (!end.ok) {
      this.unsuccessful.set(id, end);
      return;
    }
    this.unsuccessful.delete(id);
    this.succeeded.count++;
    this.succeeded.bytes += end.bytes;
    if (end.skipped) this.succeeded.skipped++;
    else this.succeeded.sentBytes += end.bytes;
  }

  /** Only a failed or canceled file can be in progress again. */
  delete(id: number): void {
    this.unsuccessful.delete(id);
  }

  /** Whether a file still in memory (failed or canceled) ended. */
  has(id: number): boolean {
    return this.unsuccessful.has(id);
  }

  get size(): number {
    return this.succeeded.count + this.unsuccessful.size;
  }

  /** Files that made it; the bytes every ended file counts for; files already there; bytes sent (not skipped). */
  summary(): { done: number; bytes: number; skipped: number; sentBytes: number } {
    let bytes = this.succeeded.bytes;
    let sentBytes = this.succeeded.sentBytes;
    let skipped = this.succeeded.skipped;
    for (const end of this.unsuccessful.values()) {
      bytes += end.bytes;
      if (end.skipped) skipped++;
      else sentBytes += end.bytes;
    }
    return { done: this.succeeded.count, bytes, skipped, sentBytes };
  }
}
