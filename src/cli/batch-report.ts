// The per-batch report, made one file at a time (issue 14): its counts in one pass, its JSON (`--json` on stdout,
// `--report FILE`) written a chunk at a time as the rows come, and the readable lines from a bounded selection. At
// 100,000 files a report built whole — every row as an object, then one string of all of them — raised the heap by
// 30–40 MB in the run's last seconds.
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { BatchReport } from '../core/upload/engine';
import { formatBytes, printable } from './format';

export type Outcome = 'completed' | 'skipped' | 'failed' | 'canceled' | 'unfinished';

export interface ReportRow {
  path: string;
  remote_path?: string;
  asset_id: string | null;
  size: number | null;
  xx_hash: string | null;
  outcome: Outcome;
  retries: number;
  version_of?: string;
  error?: string;
}

export interface ReportCounts {
  batch_id: string;
  completed: number;
  skipped: number;
  failed: number;
  canceled: number;
  unfinished: number;
}

const outcomeOf = (status: string): Outcome => (status === 'completed' || status === 'skipped' || status === 'canceled' || status === 'failed' ? status : 'unfinished');

/** Every row of the report, made as it is asked for: the batch's files, then the problems found before the upload. */
export function* reportRows(report: BatchReport): Generator<ReportRow> {
  for (const f of report.files) {
    yield {
      path: f.path,
      remote_path: f.remoteDir ? `${f.remoteDir}/${f.remoteName}` : f.remoteName,
      asset_id: f.assetId,
      size: f.size,
      xx_hash: f.xxHash,
      outcome: outcomeOf(f.status),
      retries: f.retries,
      ...(f.versionOf ? { version_of: f.versionOf } : {}),
      ...(f.error ? { error: f.error } : {}),
    };
  }
  for (const p of report.problems) yield { path: p.path, asset_id: null, size: null, xx_hash: null, outcome: 'failed', retries: 0, error: p.message };
}

/** How many rows of each outcome, and the bytes of the files uploaded: one pass, no row made. */
export function reportCounts(report: BatchReport): ReportCounts & { rows: number; completedBytes: number } {
  const counts = { batch_id: report.batchId, completed: 0, skipped: 0, failed: report.problems.length, canceled: 0, unfinished: 0 };
  let completedBytes = 0;
  let rows = report.problems.length;
  // Only iterated (here and in reportRows): the engine may hand its files over one at a time instead of as an array.
  for (const f of report.files) {
    rows++;
    const outcome = outcomeOf(f.status);
    counts[outcome]++;
    if (outcome === 'completed') completedBytes += f.size;
  }
  return { ...counts, rows, completedBytes };
}

/** Writes to a stream a chunk at a time, waiting when it asks to (a slow pipe, a slow disk). */
class ChunkWriter {
  private parts: string[] = [];
  private length = 0;

  constructor(
    private readonly out: Writable,
    private readonly chunkChars = 64 * 1024,
  ) {}

  async add(text: string): Promise<void> {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.chunkChars) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** The JSON of `{...head, files: [...rows], ...tail}`, written as the rows come: byte for byte what JSON.stringify
 * makes of the whole object (indented by two spaces with `pretty`), followed by a newline. */
export async function writeReportJson(out: Writable, head: object, rows: Iterable<object>, tail: object, pretty: boolean): Promise<void> {
  const writer = new ChunkWriter(out);
  const nl = pretty ? '\n' : '';
  const value = (v: unknown, depth: number) => {
    const text = JSON.stringify(v, null, pretty ? 2 : undefined);
    return pretty ? text.replaceAll('\n', `\n${'  '.repeat(depth)}`) : text;
  };
  const key = (k: string) => `${pretty ? '  ' : ''}${JSON.stringify(k)}:${pretty ? ' ' : ''}`;
  let first = true;
  const field = async (k: string, v: unknown) => {
    if (v === undefined) return;
    await writer.add(`${first ? '' : ','}${nl}${key(k)}${value(v, 1)}`);
    first = false;
  };
  await writer.add('{');
  for (const [k, v] of Object.entries(head)) await field(k, v);
  await writer.add(`${first ? '' : ','}${nl}${key('files')}[`);
  first = false;
  let rowsSoFar = 0;
  for (const row of rows) await writer.add(`${rowsSoFar++ ? ',' : ''}${nl}${pretty ? '    ' : ''}${value(row, 2)}`);
  await writer.add(rowsSoFar && pretty ? '\n  ]' : ']');
  for (const [k, v] of Object.entries(tail)) await field(k, v);
  await writer.add(`${nl}}\n`);
  await writer.flush();
}

/** Rows of the readable report shown without --report: every file that needs attention, and up to this many others. */
const REPORT_ROWS = 20;
const MARK: Record<Outcome, string> = { completed: '✔', skipped: '=', failed: '✖', canceled: '–', unfinished: '…' };

/** The readable form of the batch report: one line per file shown (asset id, size, xxHash64, retries, outcome). */
export function reportLines(rows: Iterable<ReportRow>, reportFile?: string): string[] {
  const attention: ReportRow[] = [];
  const others: ReportRow[] = [];
  let total = 0;
  for (const row of rows) {
    total++;
    if (row.outcome === 'failed' || row.outcome === 'unfinished') attention.push(row);
    else if (others.length < REPORT_ROWS) others.push(row);
  }
  const shown = [...others.slice(0, Math.max(0, REPORT_ROWS - attention.length)), ...attention];
  const lines = shown.map((f) => {
    const where = f.remote_path ?? f.path;
    const size = f.size === null ? '' : `  ${formatBytes(f.size)}`;
    const retries = f.retries ? `  ${f.retries} retries` : '';
    // A problem found before the upload names its path first: not twice on the line.
    const error = f.error?.startsWith(`${f.path}: `) ? f.error.slice(f.path.length + 2) : f.error;
    const detail = error ? `  ${error}` : `  ${f.asset_id ?? ''}  xxh64 ${f.xx_hash ?? '—'}`;
    return printable(`${MARK[f.outcome]} ${where}${size}${retries}${detail}`);
  });
  const hidden = total - shown.length;
  if (hidden > 0) lines.push(`… and ${hidden} more${reportFile ? ` (all in ${reportFile})` : ' (add --report FILE for the full list)'}`);
  return lines;
}
