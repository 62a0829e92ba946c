// Pause / resume / cancel for one file. Pausing aborts the file's parts in flight (their bytes are simply sent
// again later; acknowledged parts stay acknowledged) and holds the file until it is resumed or canceled.

export class FileControl {
  private pauseAbort = new AbortController();
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
    return this.pauseAbort.signal;
  }

  pause(): void {
    if (this.pausedFlag || this.canceledFlag) return;
    this.pausedFlag = true;
    this.pauseAbort.abort(new Error('paused'));
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.pauseAbort = new AbortController();
    this.wake();
  }

  cancel(): void {
    this.canceledFlag = true;
    this.pauseAbort.abort(new Error('canceled'));
    this.wake();
  }

  /** Resolves at once unless paused (and not canceled); then when resumed or canceled. */
  waitWhilePaused(): Promise<void> {
    if (!this.pausedFlag || this.canceledFlag) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
