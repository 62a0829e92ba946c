// Progress of one file, in the one quantity every view shows (decisions/0024): bytes of parts storage acknowledged
// (their PUT answered 200), which the journal records, a Ctrl-C keeps and `ferry status` reads back. It only grows:
// a part counts once however often it is sent, and a part being re-sent counts for nothing until it is stored. The
// bytes of parts on the wire right now are kept apart (`sendingBytes`), for the lighter "sending" part of a bar.

export class FileProgress {
  private acked = 0;
  private readonly ackedParts = new Set<number>();
  private readonly inFlight = new Map<number, number>();
  private shown = 0;

  constructor(readonly size: number) {}

  /** Bytes storage has confirmed: the number people see. */
  get acknowledgedBytes(): number {
    return this.acked;
  }

  /** Bytes of parts being sent now and not yet confirmed (a retried part's earlier attempt is not counted). */
  get sendingBytes(): number {
    let flying = 0;
    for (const bytes of this.inFlight.values()) flying += bytes;
    return Math.min(this.size - this.acked, flying);
  }

  /** Bytes that left this machine (confirmed or on the wire), held so it never drops: a measure of the wire, not of
   * progress (a part dropped and re-sent does not lower it). */
  get transferredBytes(): number {
    this.shown = Math.max(this.shown, this.acked + this.sendingBytes);
    return this.shown;
  }

  sending(part: number, bytes: number): void {
    if (!this.ackedParts.has(part)) this.inFlight.set(part, bytes);
  }

  acknowledge(part: number, partSize: number): void {
    this.inFlight.delete(part);
    if (this.ackedParts.has(part)) return; // stored already: counted once
    this.ackedParts.add(part);
    this.acked = Math.min(this.size, this.acked + partSize);
  }

  /** A part attempt failed: its bytes no longer count as in flight. */
  dropInFlight(part: number): void {
    this.inFlight.delete(part);
  }

  /** The asset is being recreated and every byte sent again: the only time the count restarts. */
  restart(): void {
    this.acked = 0;
    this.ackedParts.clear();
    this.inFlight.clear();
    this.shown = 0;
  }
}
