// Progress of one file that never lies: acknowledged bytes (parts S3 answered 200 for) plus bytes in flight, never
// past the file size, and never going backwards when a part is retried (its in-flight bytes are dropped, but the
// reported figure holds until real progress passes it again).

export class FileProgress {
  private acked = 0;
  private readonly inFlight = new Map<number, number>();
  private shown = 0;

  constructor(readonly size: number) {}

  get acknowledgedBytes(): number {
    return this.acked;
  }

  /** What a progress bar should show. */
  get transferredBytes(): number {
    let flying = 0;
    for (const bytes of this.inFlight.values()) flying += bytes;
    this.shown = Math.max(this.shown, Math.min(this.size, this.acked + flying));
    return this.shown;
  }

  sending(part: number, bytes: number): void {
    this.inFlight.set(part, bytes);
  }

  acknowledge(part: number, partSize: number): void {
    this.inFlight.delete(part);
    this.acked = Math.min(this.size, this.acked + partSize);
  }

  /** A part attempt failed: its bytes no longer count as in flight. */
  dropInFlight(part: number): void {
    this.inFlight.delete(part);
  }

  /** The asset is being recreated and every byte sent again: the only time the bar restarts. */
  restart(): void {
    this.acked = 0;
    this.inFlight.clear();
    this.shown = 0;
  }
}
