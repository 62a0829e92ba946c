// Runs one engine job (a new upload or a resumed batch) on the terminal: live progress, Ctrl-C as "stop and keep
// for resume", a token prompt after a 401, then the per-batch report (readable, or JSON) and the exit code.
import { writeFile } from 'node:fs/promises';
import type { BatchReport, UploadEngine } from '../core/upload/engine';
import { formatBytes } from './format';
import { rememberThroughput } from './throughput-memory';
import type { ProgressView } from './progress-view';

export interface ReportOptions {
  json: boolean;
  /** Also write the JSON report to this file. */
  reportFile?: string;
}

export type Outcome = 'completed' | 'skipped' | 'failed' | 'canceled' | 'unfinished';

export function reportJson(report: BatchReport) {
  const outcome = (status: string): Outcome => {
    if (status === 'completed' || status === 'skipped' || status === 'canceled') return status;
    if (status === 'failed') return 'failed';
    return 'unfinished';
  };
  const files = [
    ...report.files.map((f) => ({
      path: f.path,
      remote_path: f.remoteDir ? `${f.remoteDir}/${f.remoteName}` : f.remoteName,
      asset_id: f.assetId,
      size: f.size,
      xx_hash: f.xxHash,
      outcome: outcome(f.status),
      retries: f.retries,
      ...(f.versionOf ? { version_of: f.versionOf } : {}),
      ...(f.error ? { error: f.error } : {}),
    })),
    ...report.problems.map((p) => ({ path: p.path, asset_id: null, size: null, xx_hash: null, outcome: 'failed' as const, retries: 0, error: p.message })),
  ];
  const count = (o: Outcome) => files.filter((f) => f.outcome === o).length;
  return {
    batch_id: report.batchId,
    completed: count('completed'),
    skipped: count('skipped'),
    failed: count('failed'),
    canceled: count('canceled'),
    unfinished: count('unfinished'),
    files,
    skipped_junk: report.skippedJunk,
  };
}

/** Rows of the readable report shown without --report: every file that needs attention, and up to this many others. */
const REPORT_ROWS = 20;
const MARK: Record<Outcome, string> = { completed: '✔', skipped: '=', failed: '✖', canceled: '–', unfinished: '…' };

/** The readable form of the batch report: one line per file (asset id, size, xxHash64, retries, outcome). */
export function reportLines(json: ReturnType<typeof reportJson>, reportFile?: string): string[] {
  const attention = json.files.filter((f) => f.outcome === 'failed' || f.outcome === 'unfinished');
  const others = json.files.filter((f) => f.outcome !== 'failed' && f.outcome !== 'unfinished');
  const shown = [...others.slice(0, Math.max(0, REPORT_ROWS - attention.length)), ...attention];
  const lines = shown.map((f) => {
    const where = 'remote_path' in f ? f.remote_path : f.path;
    const size = f.size === null ? '' : formatBytes(f.size);
    const retries = f.retries ? `  ${f.retries} retries` : '';
    const detail = f.error ? `  ${f.error}` : `  ${f.asset_id ?? ''}  xxh64 ${f.xx_hash ?? '—'}`;
    return `${MARK[f.outcome]} ${where}  ${size}${retries}${detail}`;
  });
  const hidden = json.files.length - shown.length;
  if (hidden > 0) lines.push(`… and ${hidden} more${reportFile ? ` (all in ${reportFile})` : ' (add --report FILE for the full list)'}`);
  return lines;
}

/** Returns the exit code: 0 only when every file completed (or was already there), 130 after Ctrl-C. */
export async function runWithTerminal(
  engine: UploadEngine,
  controller: AbortController,
  job: () => Promise<BatchReport>,
  options: ReportOptions,
  view: ProgressView | null,
): Promise<number> {
  const say = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  const unsubscribe = engine.on((event) => {
    if (event.type === 'batch') view?.added(event.fileIds.map((id) => engine.file(id)).filter((f) => f !== undefined));
    if (event.type === 'state') view?.changed(event.file);
    if (event.type === 'network') say(event.online ? 'Network is back — continuing.' : 'Network lost — waiting to reconnect…');
    if (event.type === 'warning') say(`⚠ ${event.message}`);
  });
  const onSigint = () => {
    say('\nInterrupted: stopping; unfinished files stay journaled (Ctrl-C again to quit at once).');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSigint);
  view?.start();
  let report: BatchReport;
  try {
    report = await job();
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
    view?.stop();
  }

  await rememberThroughput(report);
  const json = reportJson(report);
  if (options.reportFile) await writeFile(options.reportFile, `${JSON.stringify(json, null, 2)}\n`);
  if (options.json) {
    console.log(JSON.stringify(json));
  } else {
    for (const line of reportLines(json, options.reportFile)) say(line);
    const bytes = report.files.filter((f) => f.status === 'completed').reduce((n, f) => n + f.size, 0);
    const parts = [`${json.completed} uploaded (${formatBytes(bytes)})`];
    if (json.skipped) parts.push(`${json.skipped} already there, skipped`);
    if (json.failed) parts.push(`${json.failed} failed`);
    if (json.canceled) parts.push(`${json.canceled} canceled`);
    if (json.unfinished) parts.push(`${json.unfinished} unfinished`);
    if (json.failed || json.unfinished) parts.push('`ferry resume` tries them again');
    say(`${parts.join(', ')}.`);
  }
  if (controller.signal.aborted) return 130; // the shell's convention for "ended by SIGINT"
  return json.failed + json.unfinished + json.canceled === 0 ? 0 : 1;
}
