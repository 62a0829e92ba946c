// Live progress on a terminal: a bar per active file (bytes, speed, ETA) and a total line, redrawn in place a few
// times a second. Off a terminal it prints one line per finished file instead, so logs stay readable. Every number is
// the one progress quantity (decisions/0024): bytes storage acknowledged, which the journal keeps and `ferry status`
// reads back; bytes on the wire show only as the bar's "▒" part, named on the total line. After Ctrl-C the block is
// drawn once more in place and then left alone, so the interrupt message and the report follow it, not a copy of it.
import type { FileState } from '../core/upload/file-state';
import { ACKNOWLEDGED_SAMPLE_MS, SpeedMeter } from '../core/upload/speed-meter';
import { bar, formatBytes, formatEta, formatSpeed, truncateMiddle } from './format';
import { EndedFiles } from './ended-files';

export const REDRAW_MS = 250; // 4 redraws a second: smooth enough, calm enough (architecture.md, IPC cadence)
const MAX_ROWS = 8;
const NAME_MAX_CHARS = 36;

const percent = (part: number, whole: number): number => (whole > 0 ? Math.floor((part / whole) * 100) : 100);

export class ProgressView {
  private timer: NodeJS.Timeout | null = null;
  private drawnLines = 0;
  /** Ctrl-C: the block was drawn for the last time. */
  private interrupted = false;
  private readonly totalSpeed = new SpeedMeter(Date.now, ACKNOWLEDGED_SAMPLE_MS);
  private readonly fileSpeeds = new Map<number, SpeedMeter>();
  private readonly startedAt = Date.now();
  private nameWidth: number;
  /** Every file of the run, counted as its batch starts: finished files leave the engine, not these totals. */
  private readonly totals = { files: 0, bytes: 0 };
  /** Files that ended: whether they made it, the bytes they count for, and whether they were there already. */
  private readonly ended = new EndedFiles();

  constructor(
    private readonly source: () => readonly FileState[],
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly live = Boolean(process.stderr.isTTY),
  ) {
    this.nameWidth = NAME_MAX_CHARS;
  }

  private get files(): readonly FileState[] {
    return this.source();
  }

  /** Stops redrawing for a moment (e.g. while asking for a new token). */
  suspend(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.drawnLines = 0;
  }

  start(): void {
    if (this.live && !this.interrupted) this.timer = setInterval(() => this.draw(), REDRAW_MS);
  }

  /** A message while the block may be on screen (network lost, a warning): the block is wiped, the message printed
   * where it stood, and the next redraw puts the block under it — not a second block over the message. */
  note(line: string): void {
    const n = this.live && !this.interrupted ? this.drawnLines : 0;
    const wipe = n ? `\x1b[${n}F${'\x1b[2K\n'.repeat(n)}\x1b[${n}F` : '';
    this.out.write(`${wipe}${line}\n`);
    this.drawnLines = 0;
  }

  /** Ctrl-C: the block is drawn once more, in place, and then no more (what is printed next goes below it). */
  interrupt(): void {
    if (this.interrupted) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.live) this.draw();
    this.interrupted = true;
  }

  /** A batch started with these files, read one at a time (a 100,000-file batch's files are not all in memory: each
   * may be made for this look only, and let go at once). */
  added(files: Iterable<FileState>): void {
    for (const f of files) {
      this.totals.files++;
      this.totals.bytes += f.size;
      // A resumed batch brings files that finished in an earlier run.
      if (f.status === 'completed' || f.status === 'skipped') this.ended.set(f.id, { ok: true, bytes: f.size, skipped: true });
    }
  }

  /** Called on every state change; off a terminal, finished files are reported as they finish. */
  changed(file: FileState): void {
    const ok = file.status === 'completed' || file.status === 'skipped';
    if (ok || file.status === 'failed' || file.status === 'canceled') {
      this.ended.set(file.id, { ok, bytes: ok ? file.size : file.progress.acknowledgedBytes, skipped: file.status === 'skipped' });
      this.fileSpeeds.delete(file.id); // its row is gone: no meter per file ever shown
    }
    else this.ended.delete(file.id); // a retry: in progress again
    if (this.live) return;
    if (file.status === 'completed') this.out.write(`done    ${file.path} → ${file.assetId}\n`);
    if (file.status === 'skipped') this.out.write(`skipped ${file.path}: already in Frame.io as ${file.assetId}\n`);
    if (file.status === 'failed') this.out.write(`FAILED  ${file.path}: ${file.error}\n`);
    if (file.status === 'offline') this.out.write(`waiting ${file.path}: network lost, waiting to reconnect\n`);
  }

  /** The end of the run. After Ctrl-C: no frame again, one line with what storage has, as `ferry status` will say. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.interrupted) {
      if (this.live) this.draw();
      return;
    }
    const { size, stored } = this.totalBytes();
    if (stored >= size) return;
    this.out.write(`Stopped: ${formatBytes(stored)} of ${formatBytes(size)} uploaded (${percent(stored, size)} %), kept for resume; ${formatBytes(size - stored)} left.\n`);
  }

  private line(file: FileState): string {
    const meter = this.fileSpeeds.get(file.id) ?? new SpeedMeter(Date.now, ACKNOWLEDGED_SAMPLE_MS);
    this.fileSpeeds.set(file.id, meter);
    const stored = file.progress.acknowledgedBytes;
    const speed = meter.update(stored);
    const name = truncateMiddle(file.name, this.nameWidth);
    const amount = `${String(percent(stored, file.size)).padStart(3)} %  ${formatBytes(stored)}/${formatBytes(file.size)}`;
    if (file.status === 'failed') return `${name}  ✖ ${file.error ?? 'failed'}`;
    if (file.status === 'completed') return `${name}  ✔ ${formatBytes(file.size)}`;
    if (file.status === 'queued' || file.status === 'creating') return `${name}  ${file.status === 'queued' ? 'waiting' : 'preparing'}`;
    if (file.status === 'offline') return `${name}  ⏸ network lost — waiting to reconnect  ${amount.trim()}`;
    if (file.status === 'paused') return `${name}  ⏸ paused  ${amount.trim()}`;
    if (file.status === 'confirming') return `${name} ${bar(1, 20)} 100 %  ${formatBytes(file.size)}  verifying…`;
    const retry = file.retries ? `  retries ${file.retries}` : '';
    const sending = file.size ? file.progress.sendingBytes / file.size : 0;
    return `${name} ${bar(file.size ? stored / file.size : 1, 20, sending)} ${amount}  ${formatSpeed(speed)}  ${formatEta(meter.etaSeconds(file.size - stored))}${retry}`;
  }

  /** Every byte of the run, and those storage acknowledged (a finished file: all of it) and those on the wire now. */
  private totalBytes(): { size: number; stored: number; sending: number } {
    let stored = 0;
    let sending = 0;
    stored += this.ended.summary().bytes;
    for (const f of this.files) {
      if (this.ended.has(f.id)) continue;
      stored += f.progress.acknowledgedBytes;
      if (f.status === 'uploading') sending += f.progress.sendingBytes;
    }
    return { size: this.totals.bytes, stored, sending };
  }

  /** The end of the total line once every file ended: what was sent this run, and how fast (skipped files sent nothing). */
  private endLine(): string {
    const { skipped: there, sentBytes: sent } = this.ended.summary();
    const already = there ? `${there} already there, ` : '';
    if (sent === 0) return `${already}nothing sent`;
    const seconds = (Date.now() - this.startedAt) / 1000;
    return `${already}${formatBytes(sent)} sent in ${formatEta(seconds)} · average ${formatSpeed(sent / Math.max(seconds, 0.001))}`;
  }

  private draw(): void {
    const width = this.out.columns || 100;
    const active = this.files.filter((f) => !['queued', 'completed', 'skipped', 'canceled'].includes(f.status));
    const shown = active.slice(0, MAX_ROWS);
    this.nameWidth = Math.min(NAME_MAX_CHARS, Math.max(8, ...shown.map((f) => f.name.length)));
    const { size, stored, sending } = this.totalBytes();
    const { done } = this.ended.summary();
    const failed = this.ended.size - done;
    const speed = this.totalSpeed.update(stored);
    const lines = shown.map((f) => this.line(f));
    if (active.length > shown.length) lines.push(`… and ${active.length - shown.length} more in progress`);
    const counts = `${done}/${this.totals.files} files${failed ? `, ${failed} failed` : ''}`;
    if (this.totals.files > 0 && this.ended.size === this.totals.files) {
      lines.push(`Total: ${counts} · ${this.endLine()}`);
    } else {
      const onWire = sending > 0 ? ` · ▒ ${formatBytes(sending)} sending` : '';
      lines.push(`Total: ${counts} · ${formatBytes(stored)} of ${formatBytes(size)} uploaded${onWire} · ${formatSpeed(speed)} · ${formatEta(this.totalSpeed.etaSeconds(size - stored))} left`);
    }
    let frame = this.drawnLines ? `\x1b[${this.drawnLines}F` : '';
    for (const l of lines) frame += `\x1b[2K${l.slice(0, width - 1)}\n`;
    for (let extra = lines.length; extra < this.drawnLines; extra++) frame += '\x1b[2K\n';
    this.out.write(frame);
    this.drawnLines = Math.max(lines.length, this.drawnLines);
  }
}
