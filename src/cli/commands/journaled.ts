// `ferry status`, `ferry resume`, `ferry cancel`: the journaled batches for this API — what is unfinished,
// continue it (only unacknowledged parts are sent), or discard it (placeholders removed).
import { isSettled } from '../../shared/upload-status';
import { type BatchRecord, Journal } from '../../core/upload/journal';
import { runWithTerminal } from '../batch-run';
import { CliError, explain } from '../cli-error';
import { engineForCli } from '../engine-for-cli';
import { formatBytes, printable } from '../format';
import type { Session } from '../session';
import { journalDir } from '../state-dir';

const unfinishedFiles = (batch: BatchRecord) => batch.files.filter((f) => !isSettled(f.status));

async function batchesFor(session: Session, batchId?: string): Promise<BatchRecord[]> {
  const { batches, unreadable } = await new Journal(journalDir()).list();
  for (const name of unreadable) process.stderr.write(`ferry: ignoring unreadable journal file ${name} in ${journalDir()}\n`);
  const mine = batches.filter((b) => b.apiUrl === session.journalKey && unfinishedFiles(b).length > 0);
  if (!batchId) return mine;
  const one = mine.filter((b) => b.id === batchId);
  if (one.length === 0) throw new CliError(`No unfinished batch ${batchId} for ${session.apiUrl} (see \`ferry status\`).`);
  return one;
}

/** Unfinished files listed by path under their batch, at most this many (the rest are counted). */
const FILES_LISTED = 10;
const word = (status: string) => (status === 'paused' || status === 'failed' ? status : 'interrupted');

function summarize(batch: BatchRecord) {
  const left = unfinishedFiles(batch);
  const sent = left.reduce((n, f) => n + f.partsDone.reduce((m, i) => m + (f.parts?.[i]?.size ?? 0), 0), 0);
  const total = left.reduce((n, f) => n + f.size, 0);
  const paused = left.filter((f) => f.status === 'paused').map((f) => f.path);
  const failed = left.filter((f) => f.status === 'failed').length;
  const unfinished_files = left.map((f) => ({ path: f.path, status: f.status }));
  return { id: batch.id, created_at: batch.createdAt, target: batch.targetFolderId, api_version: batch.apiVersion, account_id: batch.accountId, files: batch.files.length, unfinished: left.length, paused, failed, bytes_left: total - sent, bytes_total: total, unfinished_files };
}

export async function status(session: Session, json: boolean): Promise<void> {
  const batches = (await batchesFor(session)).map(summarize);
  if (json) return void console.log(JSON.stringify({ batches }));
  if (batches.length === 0) return void console.log('Nothing to resume: every journaled upload finished.');
  for (const b of batches) {
    const kinds = [b.paused.length ? `${b.paused.length} paused` : '', b.failed ? `${b.failed} failed` : ''].filter(Boolean).join(', ');
    const where = `folder ${b.target}${b.account_id ? ` in account ${b.account_id}` : ''}`;
    console.log(`${b.id}  ${b.unfinished} of ${b.files} file(s) unfinished${kinds ? ` (${kinds})` : ''}, ${formatBytes(b.bytes_left)} of ${formatBytes(b.bytes_total)} left  → ${where}`);
    for (const f of b.unfinished_files.slice(0, FILES_LISTED)) console.log(`    ${word(f.status)}  ${printable(f.path)}`);
    if (b.unfinished > FILES_LISTED) console.log(`    … and ${b.unfinished - FILES_LISTED} more`);
  }
  console.log('Run `ferry resume` to continue them (paused files too), or `ferry cancel <batch-id>` to discard one.');
}

export async function resume(session: Session, batchId: string | undefined, options: { concurrency?: number; json: boolean; report?: string }): Promise<number> {
  const batches = await batchesFor(session, batchId);
  if (batches.length === 0) {
    if (!options.json) process.stderr.write('Nothing to resume.\n');
    else console.log(JSON.stringify({ batches: [] }));
    return 0;
  }
  let code = 0;
  for (const batch of batches) {
    const s = summarize(batch);
    if (!options.json) process.stderr.write(`Resuming ${s.id}: ${s.unfinished} file(s), ${formatBytes(s.bytes_left)} left.\n`);
    // A part URL that leads nowhere any more (an earlier --sandbox run's storage) is as good as expired: new asset.
    for (const f of batch.files) if (f.parts?.some((p) => session.staleUrl?.(p.url))) f.urlsExpireAt = 0;
    const { engine, controller, view } = engineForCli(session, options);
    const report = { json: options.json, pacer: session.client.pacer, callsBefore: session.client.pacer.statistics(), ...(options.report ? { reportFile: options.report } : {}) };
    code = Math.max(code, await runWithTerminal(engine, controller, () => engine.resumeBatch(batch).done, report, view));
    if (code === 130) break;
  }
  return code;
}

export async function cancel(session: Session, batchId: string, json: boolean): Promise<void> {
  const [batch] = await batchesFor(session, batchId);
  if (!batch) return;
  const removed: string[] = [];
  const problems: string[] = [];
  // V4: the journal knows the account; without it each id would be looked for in every account.
  if (batch.accountId) for (const f of batch.files) if (f.assetId) session.client.placeInAccount(f.assetId, batch.accountId);
  for (const f of unfinishedFiles(batch)) {
    if (!f.assetId) continue;
    try {
      await session.client.deleteAsset(f.assetId);
      removed.push(f.assetId);
    } catch (error) {
      problems.push(`${f.path}: could not remove incomplete asset ${f.assetId}${batch.accountId ? ` in account ${batch.accountId}` : ''}: ${explain(error)}`);
    }
  }
  if (problems.length) throw new CliError(problems.join('\n'));
  await new Journal(journalDir()).remove(batch.id);
  if (json) console.log(JSON.stringify({ batch_id: batch.id, removed_assets: removed }));
  else console.log(`Canceled ${batch.id}: removed ${removed.length} incomplete asset(s).`);
}
