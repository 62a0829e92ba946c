// One signed-in upload engine, its queue rows and the jobs it runs. Stopping it is an interruption, like Ctrl-C in
// the CLI: parts in flight stop, unfinished files stay journaled, and stop() resolves only once every batch has made
// its final journal write. That is what lets the app quit, sign out or switch accounts mid-upload and continue at the
// next launch or sign-in (resumeJournaled). The rows belong to the session: a new session starts with none.
import { UploadEngine, type EngineOptions, type UploadRequest } from '../../core/upload/engine';
import { FINAL_STATUSES, MOVING_STATUSES } from '../../shared/upload-status';
import { type BatchRecord, Journal } from '../../core/upload/journal';
import { forwardEngineEvents, type Push } from './engine-events';
import { QueueRows } from './queue-rows';

export class EngineSession {
  readonly engine: UploadEngine;
  readonly rows = new QueueRows();
  private readonly abort = new AbortController();
  private readonly jobs = new Set<Promise<void>>();
  private readonly detach: () => void;

  constructor(
    private readonly options: Omit<EngineOptions, 'signal'>,
    push: Push,
  ) {
    this.engine = new UploadEngine({ ...options, signal: this.abort.signal });
    this.detach = this.engine.on(forwardEngineEvents(this.engine, this.rows, push));
  }

  /** Keeps track of a job so stop() can wait for it; its failures are reported per file through state events. */
  track<T>(job: Promise<T>): Promise<T> {
    const settled = job.then(
      () => undefined,
      () => undefined,
    );
    this.jobs.add(settled);
    void settled.then(() => this.jobs.delete(settled));
    return job;
  }

  /** Starts a drop into a folder (named `folderName` in its rows); the ids are there at once, the bytes follow. */
  enqueue(request: UploadRequest, folderName: string): { batchId: string; fileIds: number[] } {
    const { batchId, fileIds, done } = this.engine.enqueue(request);
    this.track(done).catch(() => undefined); // failures are reported per file through the state events
    this.rows.placeIn(fileIds, folderName);
    return { batchId, fileIds };
  }

  /** Restarts the failed or canceled files (of a batch, or by id, or all) in place: same ids, same rows. */
  retry(ids: number[] | undefined, batchId: string | undefined): void {
    void this.track(this.engine.retry(this.select(ids, batchId))).catch(() => undefined);
  }

  /** The file ids a control names: a whole batch, some ids, or (undefined) every file. */
  select(ids: number[] | undefined, batchId: string | undefined): number[] | undefined {
    return batchId ? this.engine.fileIdsOf(batchId) : ids;
  }

  /** Files that would be cut off by quitting now (paused ones are not: nothing of theirs is moving). */
  activeCount(): number {
    return this.engine.files.filter((f) => MOVING_STATUSES.has(f.status)).length;
  }

  /** Continues the batches an earlier run journaled for this API, the way `ferry resume` does: the batches with
   * work left, oldest first, each only sending the parts not yet acknowledged. Only batches with interrupted files
   * are taken: a batch whose leftovers all failed stays for the person to retry, rather than failing again (or
   * being uploaded twice, after a retry) at every launch. Resolves once their rows exist (the engine's batch events
   * are synchronous), named after the folder each goes to, not when they finish. A folder that cannot be looked up
   * leaves its rows unnamed; a journal that cannot be read is skipped, never fatal. */
  async resumeJournaled(): Promise<BatchRecord[]> {
    const { journalDir, apiUrl, client } = this.options;
    if (!journalDir) return [];
    const { batches } = await new Journal(journalDir).list();
    const pending = batches.filter((b) => b.apiUrl === apiUrl && b.files.some((f) => !FINAL_STATUSES.has(f.status)));
    for (const batch of pending) {
      if (this.abort.signal.aborted) break;
      if (batch.accountId) client.placeInAccount(batch.targetFolderId, batch.accountId); // V4: ask the right account
      const folder = await client.getAsset(batch.targetFolderId).catch(() => null);
      if (folder) this.rows.nameBatchFolder(batch.id, folder.name);
      void this.track(this.engine.resumeBatch(batch, { keepPaused: true }).done);
    }
    return pending;
  }

  /** Interrupts everything and waits for the final journal writes. Events stop first: the rows of an engine that is
   * going away are no news for the renderer. Never rejects; stopping twice is stopping once. */
  async stop(): Promise<void> {
    this.detach();
    this.abort.abort(new Error('Ferry is closing; unfinished uploads continue at the next launch'));
    await Promise.all(this.jobs);
  }
}
