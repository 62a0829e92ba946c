// One signed-in upload engine and the jobs it runs. Stopping it is an interruption, like Ctrl-C in the CLI: parts in
// flight stop, unfinished files stay journaled, and stop() resolves only once every batch has made its final journal
// write. That is what lets the app quit, or sign out, mid-upload and continue at the next launch (resumeJournaled).
import { UploadEngine, type EngineEvent, type EngineOptions } from '../../core/upload/engine';
import { FINAL_STATUSES, MOVING_STATUSES } from '../../shared/upload-status';
import { type BatchRecord, Journal } from '../../core/upload/journal';

export class EngineSession {
  readonly engine: UploadEngine;
  private readonly abort = new AbortController();
  private readonly jobs = new Set<Promise<void>>();
  private readonly detach: () => void;

  constructor(options: Omit<EngineOptions, 'signal'>, listener: (event: EngineEvent) => void) {
    this.engine = new UploadEngine({ ...options, signal: this.abort.signal });
    this.detach = this.engine.on(listener);
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

  /** Files that would be cut off by quitting now (paused ones are not: nothing of theirs is moving). */
  activeCount(): number {
    return this.engine.files.filter((f) => MOVING_STATUSES.has(f.status)).length;
  }

  /** Continues the batches an earlier run journaled for this API, the way `ferry resume` does: the batches with
   * work left, oldest first, each only sending the parts not yet acknowledged. Only batches with interrupted files
   * are taken: a batch whose leftovers all failed stays for the person to retry, rather than failing again (or
   * being uploaded twice, after a retry) at every launch. Resolves once their rows exist (the engine's batch events
   * are synchronous), not when they finish. `before` runs first for each batch (to look up its folder's name). */
  async resumeJournaled(journalDir: string, apiUrl: string, before: (batch: BatchRecord) => Promise<void> = async () => {}): Promise<BatchRecord[]> {
    const { batches } = await new Journal(journalDir).list(); // unreadable files are skipped, never fatal
    const pending = batches.filter((b) => b.apiUrl === apiUrl && b.files.some((f) => !FINAL_STATUSES.has(f.status)));
    for (const batch of pending) {
      if (this.abort.signal.aborted) break;
      await before(batch);
      void this.track(this.engine.resumeBatch(batch, { keepPaused: true }).done);
    }
    return pending;
  }

  /** Interrupts everything and waits for the final journal writes. Events stop first: the rows of an engine that is
   * going away are no news for the renderer. */
  async stop(): Promise<void> {
    this.detach();
    this.abort.abort(new Error('Ferry is closing; unfinished uploads continue at the next launch'));
    await Promise.all(this.jobs);
  }
}
