// Pause / resume / cancel for one file. Pausing aborts the file's parts in flight (their bytes are simply sent
// again later; acknowledged parts stay acknowledged) and holds the file until it is resumed or canceled. `paused` is
// the one truth of "the person paused this file": an interruption wakes the waiters without clearing it, so a file
// paused before Ctrl-C or a quit is journaled paused.

export class FileControl {
  /** Made when first asked for (a queued file of a 100,000-file batch needs none): null means not aborted. */
  private pauseAbort: AbortController | null = null;
  private waiters: Array<() => void> = [];
  private pausedFlag = false;
  private canceledFlag = false;

  get paused(): boolean {
    return this.pausedFlag;
  }

  get canceled(): boolean {
    return this.canceledFlag;
  }

  /** Aborted when the file is paused or canceled: pass it to every request made for the file. */
  get signal(): AbortSignal {
    return (this.pauseAbort ??= new AbortController()).signal;
  }

  pause(): void {
    if (this.pausedFlag || this.canceledFlag) return;
    this.pausedFlag = true;
    (this.pauseAbort ??= new AbortController()).abort(new Error('paused'));
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.pauseAbort = null;
    this.wake();
  }

  cancel(): void {
    this.canceledFlag = true;
    this.pausedFlag = false;
    (this.pauseAbort ??= new AbortController()).abort(new Error('canceled'));
    this.wake();
  }

  /** A retry: the file may run again (a canceled file is no longer canceled). */
  reset(): void {
    this.canceledFlag = false;
    this.pausedFlag = false;
    if (this.pauseAbort?.signal.aborted) this.pauseAbort = null;
  }

  /** Resolves at once unless paused; then when resumed, canceled, or `stop` aborts (an interruption). */
  waitWhilePaused(stop?: AbortSignal): Promise<void> {
    if (!this.pausedFlag || this.canceledFlag || stop?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onStop = () => resolve();
      stop?.addEventListener('abort', onStop, { once: true });
      this.waiters.push(() => {
        stop?.removeEventListener('abort', onStop);
        resolve();
      });
    });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
