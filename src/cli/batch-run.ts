// Runs one engine job (a new upload or a resumed batch) on the terminal: live progress, Ctrl-C as "stop and keep
// for resume", a token prompt after a 401, then the per-batch report (readable, or JSON) and the exit code.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { BucketStats, Pacer } from '../core/net/pacer';
import type { BatchReport, UploadEngine } from '../core/upload/engine';
import type { FileState } from '../core/upload/file-state';
import { reportCounts, reportLines, reportRows, writeReportJson } from './batch-report';
import { formatBytes } from './format';
import { rememberThroughput } from './throughput-memory';
import type { ProgressView } from './progress-view';
import { ferryCommand } from './invocation';

export interface ReportOptions {
  json: boolean;
  /** Also write the JSON report to this file. */
  reportFile?: string;
  /** The session's pacer: the report counts the API calls it ran (part PUTs to storage are not API calls). */
  pacer?: Pacer;
  /** Its statistics before this run (a resume of several batches counts each one's own); none = the whole command. */
  callsBefore?: Record<string, BucketStats>;
  /** An Adobe sign-in: why it ended with no new one (then the report says how to continue), and the command prefix. */
  signIn?: { ended(): string | null; command: string };
  /** How advice names ferry for this API (`node bin/ferry.mjs --sandbox`, `ferry --api …`). */
  command?: string;
}

/** "Your Adobe sign-in ended (…): run `ferry login`, then `ferry resume`." — when files wait for a new sign-in. */
export function signInAdvice(signIn: ReportOptions['signIn'], unsettled: number): string | null {
  const ended = signIn?.ended();
  if (!signIn || !ended || unsettled === 0) return null;
  return `Your Adobe sign-in ended (${ended}), so ${unsettled} file(s) wait, journaled: run \`${signIn.command} login\`, then \`${signIn.command} resume\`.`;
}

export interface ApiCalls {
  total: number;
  /** total / files in the batch (failed and skipped files included): what one file costs in calls. */
  per_file: number | null;
  /** Calls sent again after a 429 (the pacer backing off) or a transient failure. */
  retried: number;
  throttled: number;
  /** Calls per published limit (the pacer's buckets: 'v4:files.create_local_upload', 'v2:create', …). */
  by_bucket: Record<string, number>;
}

/** The API calls between two of the pacer's statistics; the storage bucket (part PUTs) is left out. */
export function apiCalls(after: Record<string, BucketStats>, before: Record<string, BucketStats> = {}, files = 0): ApiCalls {
  const calls: ApiCalls = { total: 0, per_file: null, retried: 0, throttled: 0, by_bucket: {} };
  for (const [bucket, s] of Object.entries(after)) {
    if (bucket === 'storage') continue;
    const b = before[bucket];
    const n = s.calls - (b?.calls ?? 0);
    if (n <= 0) continue;
    calls.by_bucket[bucket] = n;
    calls.total += n;
    calls.retried += s.retries - (b?.retries ?? 0);
    calls.throttled += s.throttled - (b?.throttled ?? 0);
  }
  calls.per_file = files > 0 ? Math.round((calls.total / files) * 100) / 100 : null;
  return calls;
}

/** A batch's files, each made when the view reads it: an array of them made every file of the batch at once. */
function* filesOf(engine: UploadEngine, ids: readonly number[]): Generator<FileState> {
  for (const id of ids) {
    const file = engine.file(id);
    if (file) yield file;
  }
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
    if (event.type === 'batch') view?.added(filesOf(engine, event.fileIds));
    if (event.type === 'state') view?.changed(event.file);
    // Said above the live progress block, which is redrawn under it (the view is null with --json: nothing is said).
    if (event.type === 'network') view?.note(event.online ? 'Network is back — continuing.' : 'Network lost — waiting to reconnect…');
    if (event.type === 'warning') view?.note(`⚠ ${event.message}`);
  });
  const onSigint = () => {
    // The progress block is drawn once more in place and then left alone: the message follows it once, not a copy of
    // the block (on a terminal it overwrites the "^C" echoed under the block).
    view?.interrupt();
    say('Interrupted: stopping; unfinished files stay journaled (Ctrl-C again to quit at once).');
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
  const { rows, completedBytes, ...counts } = reportCounts(report);
  const calls = options.pacer ? apiCalls(options.pacer.statistics(), options.callsBefore, rows) : undefined;
  const advice = signInAdvice(options.signIn, counts.unfinished + counts.failed);
  // The JSON goes out a row at a time: never one object, or one string, of every file (issue 14).
  const tail = { skipped_junk: report.skippedJunk, api_calls: calls, sign_in_needed: advice ?? undefined };
  if (options.reportFile) await writeReportFile(options.reportFile, counts, reportRows(report), tail);
  if (options.json) {
    await writeReportJson(process.stdout, counts, reportRows(report), tail, false);
  } else {
    for (const line of reportLines(reportRows(report), options.reportFile)) say(line);
    const parts = counts.completed || !counts.skipped ? [`${counts.completed} uploaded (${formatBytes(completedBytes)})`] : [];
    if (counts.skipped) parts.push(`${counts.skipped} already there, skipped`);
    if (!counts.completed && counts.skipped && !counts.failed && !counts.canceled && !counts.unfinished) parts[0] = `Nothing to upload: ${parts[0]}`;
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (counts.canceled) parts.push(`${counts.canceled} canceled`);
    if (counts.unfinished) parts.push(`${counts.unfinished} unfinished`);
    // Problems found before the upload (a missing path, an empty file) are not journaled: resume cannot help them.
    if (report.failed || report.unfinished) parts.push(`\`${options.command ?? ferryCommand()} resume\` tries them again`);
    say(`${parts.join(', ')}.`);
    if (calls) say(callsLine(calls));
    if (advice) say(advice);
  }
  if (controller.signal.aborted) return 130; // the shell's convention for "ended by SIGINT"
  return counts.failed + counts.unfinished + counts.canceled === 0 ? 0 : 1;
}

/** `--report FILE`: the JSON report, indented, written as it is made. */
async function writeReportFile(file: string, head: object, rows: Iterable<object>, tail: object): Promise<void> {
  const out = createWriteStream(file);
  const done = finished(out);
  done.catch(() => undefined); // awaited below: a failed open is thrown there, not as an unhandled rejection
  try {
    await writeReportJson(out, head, rows, tail, true);
    out.end();
  } catch {
    out.destroy();
  }
  await done;
}

/** "API calls: 57 (1.4 per file), 2 after a 429: v4:files.create_local_upload 40, … 3 more." — biggest first. */
export function callsLine(calls: ApiCalls): string {
  const buckets = Object.entries(calls.by_bucket).sort((a, b) => b[1] - a[1]);
  const shown = buckets.slice(0, 4).map(([bucket, n]) => `${bucket} ${n}`);
  if (buckets.length > 4) shown.push(`${buckets.length - 4} more`);
  const perFile = calls.per_file === null ? '' : ` (${calls.per_file} per file)`;
  const throttled = calls.throttled ? `, ${calls.throttled} after a 429` : '';
  return `API calls: ${calls.total}${perFile}${throttled}${shown.length ? `: ${shown.join(', ')}` : ''}.`;
}
