// `ferry status`, `ferry resume`, `ferry cancel`: the journaled batches for this API — what is unfinished,
// continue it (only unacknowledged parts are sent), or discard it (placeholders removed).
import { isSettled } from '../../shared/upload-status';
import { discardBatch } from '../../core/upload/discard-batch';
import { type BatchRecord, Journal } from '../../core/upload/journal';
import { runWithTerminal } from '../batch-run';
import { CliError } from '../cli-error';
import { engineForCli, signInOf } from '../engine-for-cli';
import { formatBytes, printable } from '../format';
import type { Session } from '../session';
import { journalDir } from '../state-dir';
import { ferryCommand } from '../invocation';

const unfinishedFiles = (batch: BatchRecord) => batch.files.filter((f) => !isSettled(f.status));

/** The flag that reaches the API a batch was journaled under: its --api, or --sandbox. */
const apiFlag = (journalKey: string): string => (journalKey.startsWith('ferry-sandbox:') ? '--sandbox' : `--api ${journalKey}`);

interface Journaled {
  /** Unfinished batches of this session's API. */
  mine: BatchRecord[];
  /** Unfinished batches journaled under other API addresses (the default became V4: a V2 batch waits there). */
  elsewhere: BatchRecord[];
}

async function journaled(session: Session): Promise<Journaled> {
  const { batches, unreadable } = await new Journal(journalDir()).list();
  for (const name of unreadable) process.stderr.write(`ferry: ignoring unreadable journal file ${name} in ${journalDir()}\n`);
  const open = batches.filter((b) => unfinishedFiles(b).length > 0);
  return { mine: open.filter((b) => b.apiUrl === session.journalKey), elsewhere: open.filter((b) => b.apiUrl !== session.journalKey) };
}

async function batchesFor(session: Session, verb: 'resume' | 'cancel', batchId?: string): Promise<BatchRecord[]> {
  const { mine, elsewhere } = await journaled(session);
  if (!batchId) return mine;
  const one = mine.filter((b) => b.id === batchId);
  if (one.length > 0) return one;
  const there = elsewhere.find((b) => b.id === batchId);
  // Each batch goes on with the client of the API it was uploaded through (the journal says which).
  if (there) throw new CliError(`Batch ${batchId} was uploaded through the ${there.apiVersion.toUpperCase()} API at ${there.apiUrl}: run \`${ferryCommand()} ${apiFlag(there.apiUrl)} ${verb} ${batchId}\`.`);
  throw new CliError(`No unfinished batch ${batchId} for ${session.apiUrl} (see \`${session.command} status\`).`);
}

/** "2 unfinished batch(es) journaled for other API addresses: `ferry --api https://api.frame.io/v2 status`." */
function elsewhereLine(elsewhere: BatchRecord[]): string | null {
  if (elsewhere.length === 0) return null;
  const flags = [...new Set(elsewhere.map((b) => apiFlag(b.apiUrl)))].sort().map((flag) => `\`${ferryCommand()} ${flag} status\``);
  return `${elsewhere.length} unfinished batch(es) journaled for other API addresses: ${flags.join(', ')}.`;
}

/** Unfinished files listed by path under their batch, at most this many (the rest are counted). */
const FILES_LISTED = 10;
const word = (status: string) => (status === 'paused' || status === 'failed' ? status : 'interrupted');

/** What the journal holds of a batch's unfinished files: bytes of parts storage acknowledged are uploaded (the one
 * progress quantity, decisions/0024: the number the run showed last), the rest is left. */
function summarize(batch: BatchRecord) {
  const left = unfinishedFiles(batch);
  const sent = left.reduce((n, f) => n + f.partsDone.reduce((m, i) => m + (f.parts?.[i]?.size ?? 0), 0), 0);
  const total = left.reduce((n, f) => n + f.size, 0);
  const paused = left.filter((f) => f.status === 'paused').map((f) => f.path);
  const failed = left.filter((f) => f.status === 'failed').length;
  const unfinished_files = left.map((f) => ({ path: f.path, status: f.status }));
  return { id: batch.id, created_at: batch.createdAt, target: batch.targetFolderId, api_version: batch.apiVersion, account_id: batch.accountId, files: batch.files.length, unfinished: left.length, paused, failed, bytes_uploaded: sent, bytes_left: total - sent, bytes_total: total, unfinished_files };
}

export async function status(session: Session, json: boolean): Promise<void> {
  const { mine, elsewhere } = await journaled(session);
  const batches = mine.map(summarize);
  if (json) return void console.log(JSON.stringify({ batches }));
  const others = elsewhereLine(elsewhere);
  if (batches.length === 0) {
    console.log(others ? `Nothing to resume for ${session.apiUrl}. ${others}` : 'Nothing to resume: every journaled upload finished.');
    return;
  }
  for (const b of batches) {
    const kinds = [b.paused.length ? `${b.paused.length} paused` : '', b.failed ? `${b.failed} failed` : ''].filter(Boolean).join(', ');
    const where = `folder ${b.target}${b.account_id ? ` in account ${b.account_id}` : ''}`;
    const uploaded = `${formatBytes(b.bytes_uploaded)} of ${formatBytes(b.bytes_total)} uploaded (${b.bytes_total ? Math.floor((b.bytes_uploaded / b.bytes_total) * 100) : 100} %)`;
    console.log(`${b.id}  ${b.unfinished} of ${b.files} file(s) unfinished${kinds ? ` (${kinds})` : ''}, ${uploaded}, ${formatBytes(b.bytes_left)} left  → ${where}`);
    for (const f of b.unfinished_files.slice(0, FILES_LISTED)) console.log(`    ${word(f.status)}  ${printable(f.path)}`);
    if (b.unfinished > FILES_LISTED) console.log(`    … and ${b.unfinished - FILES_LISTED} more`);
  }
  console.log(`Run \`${session.command} resume\` to continue them (paused files too), or \`${session.command} cancel <batch-id>\` to discard one.`);
  if (others) console.log(others);
}

export async function resume(session: Session, batchId: string | undefined, options: { concurrency?: number; json: boolean; report?: string }): Promise<number> {
  const batches = await batchesFor(session, 'resume', batchId);
  if (batches.length === 0) {
    const others = batchId ? null : elsewhereLine((await journaled(session)).elsewhere);
    if (!options.json) process.stderr.write(others ? `Nothing to resume for ${session.apiUrl}. ${others}\n` : 'Nothing to resume.\n');
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
    const report = { json: options.json, pacer: session.client.pacer, callsBefore: session.client.pacer.statistics(), signIn: signInOf(session), command: session.command, ...(options.report ? { reportFile: options.report } : {}) };
    code = Math.max(code, await runWithTerminal(engine, controller, () => engine.resumeBatch(batch).done, report, view));
    if (code === 130) break;
  }
  return code;
}

export async function cancel(session: Session, batchId: string, json: boolean): Promise<void> {
  const [batch] = await batchesFor(session, 'cancel', batchId);
  if (!batch) return;
  // The journaled placeholders, and any a kill -9 left before the journal named them (core/upload/discard-batch).
  const { removed, problems } = await discardBatch(session.client, batch);
  if (problems.length) throw new CliError(problems.join('\n'));
  await new Journal(journalDir()).remove(batch.id);
  if (json) console.log(JSON.stringify({ batch_id: batch.id, removed_assets: removed }));
  else console.log(`Canceled ${batch.id}: removed ${removed.length} incomplete asset(s).`);
}
