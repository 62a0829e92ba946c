// Smoothed transfer speed and ETA. An exponentially weighted moving average over samples taken at most every
// SAMPLE_MS keeps the numbers calm (ui.md: "numbers that do not jitter") yet follows real changes in a few seconds.

export const SPEED_SAMPLE_MS = 500;
/** For acknowledged bytes (decisions/0024), which arrive a whole part at a time: samples 4× longer, so each holds
 * several parts and the rate does not swing between 0 and a burst. */
export const ACKNOWLEDGED_SAMPLE_MS = 2000;
/** Weight of the newest sample: ≈ a 3-second memory at 2 samples per second. */
export const SPEED_SMOOTHING = 0.3;

export class SpeedMeter {
  private lastBytes = 0;
  private lastAt: number | null = null;
  private rate: number | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sampleMs: number = SPEED_SAMPLE_MS,
  ) {}

  /** Feed the running total of bytes; returns bytes per second (0 until two samples exist). */
  update(totalBytes: number): number {
    const t = this.now();
    if (this.lastAt === null) {
      this.lastAt = t;
      this.lastBytes = totalBytes;
      return 0;
    }
    const elapsed = t - this.lastAt;
    if (elapsed >= this.sampleMs) {
      const sample = (Math.max(0, totalBytes - this.lastBytes) * 1000) / elapsed;
      this.rate = this.rate === null ? sample : this.rate + SPEED_SMOOTHING * (sample - this.rate);
      this.lastAt = t;
      this.lastBytes = totalBytes;
    }
    return this.rate ?? 0;
  }

  get bytesPerSecond(): number {
    return this.rate ?? 0;
  }

  /** Seconds left for `remainingBytes`, or null when the speed is unknown. */
  etaSeconds(remainingBytes: number): number | null {
    if (!this.rate || this.rate <= 0) return null;
    return remainingBytes / this.rate;
  }
}
