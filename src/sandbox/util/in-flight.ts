/**
 * Work that must finish before close() returns: request handlers keep running after their socket is gone
 * (a part already received still updates state), and background jobs write state when they end.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  add(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    ).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /**
   * Resolves true once nothing is pending (including work that pending work started meanwhile), or false
   * when `timeoutMs` passed first.
   */
  async idle(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const drained = (async (): Promise<true> => {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      return true;
    })();
    try {
      return await Promise.race([drained, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
