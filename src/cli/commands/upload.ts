// `ferry upload <path...> --to <asset-id>`: pre-flight scan, folder mirroring, parallel transfer, a summary.
import path from 'node:path';
import { filesFromScan, uploadBatch, type BatchReport } from '../../core/upload/batch';
import { scanPaths } from '../../core/upload/scan';
import { CliError, explain } from '../cli-error';
import { formatBytes } from '../format';
import { ProgressView } from '../progress-view';
import type { Session } from '../session';

export interface UploadOptions {
  to?: string;
  concurrency?: number;
  json: boolean;
}

function summaryJson(report: BatchReport) {
  return {
    completed: report.completed,
    failed: report.failed + report.problems.length,
    files: [
      ...report.files.map((f) => ({
        path: f.path,
        remote_path: f.remoteDir ? `${f.remoteDir}/${f.name}` : f.name,
        asset_id: f.assetId,
        size: f.size,
        outcome: f.status === 'completed' ? 'completed' : 'failed',
        retries: f.retries,
        ...(f.error ? { error: f.error } : {}),
      })),
      ...report.problems.map((p) => ({ path: p.path, asset_id: null, size: null, outcome: 'failed', retries: 0, error: p.message })),
    ],
    skipped_junk: report.skippedJunk,
  };
}

/** Returns the process exit code: 0 only when every file completed. */
export async function upload(session: Session, paths: string[], options: UploadOptions): Promise<number> {
  const to = options.to ?? session.sandboxRootId;
  if (!to) throw new CliError('ferry upload needs --to <asset-id>: a folder or a project root asset id.', 2);
  const target = await session.client.getAsset(to).catch((error: unknown) => {
    throw new CliError(explain(error, `asset ${to}`));
  });
  if (target.type !== 'folder') throw new CliError(`--to ${to} is a ${target.type} ("${target.name}"); it must be a folder or a project root.`, 2);

  const scan = await scanPaths(paths);
  const say = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  for (const problem of scan.problems) say(`✖ ${problem.message}`);
  if (scan.skippedJunk.length) say(`Skipping ${scan.skippedJunk.length} system file(s) (.DS_Store, Thumbs.db, …).`);
  if (scan.files.length === 0 && scan.folders.length === 0) {
    if (options.json) console.log(JSON.stringify(summaryJson({ files: [], problems: scan.problems, skippedJunk: scan.skippedJunk, completed: 0, failed: 0 })));
    throw new CliError(scan.problems.length ? 'Nothing to upload.' : 'Nothing to upload: no files given.');
  }
  say(`Uploading ${scan.files.length} file(s), ${formatBytes(scan.totalBytes)}, to "${target.name}" (${target.id}).`);

  const files = filesFromScan(scan);
  const view = options.json ? null : new ProgressView(files);
  view?.start();
  const controller = new AbortController();
  // First Ctrl-C: stop starting files, abort parts in flight, remove incomplete placeholders. A second one kills.
  const onSigint = () => {
    say('\nInterrupted: stopping and removing incomplete uploads (Ctrl-C again to quit at once)…');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSigint);
  let report: BatchReport;
  try {
    report = await uploadBatch(
      scan,
      {
        client: session.client,
        targetFolderId: target.id,
        signal: controller.signal,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        onChange: (file) => view?.changed(file),
      },
      files,
    );
  } catch (error) {
    throw new CliError(explain(error));
  } finally {
    process.off('SIGINT', onSigint);
    view?.stop();
  }

  if (options.json) {
    console.log(JSON.stringify(summaryJson(report)));
  } else {
    for (const f of report.files.filter((x) => x.status === 'failed')) say(`✖ ${path.relative(process.cwd(), f.path) || f.path}: ${f.error}`);
    const failed = report.failed + report.problems.length;
    say(`${report.completed} uploaded, ${failed} failed.`);
  }
  if (controller.signal.aborted) return 130; // the shell's convention for "ended by SIGINT"
  return report.failed === 0 && report.problems.length === 0 ? 0 : 1;
}
