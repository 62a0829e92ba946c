// One drop through the `ferry` command: upload with the drop's faults on and its acts along the way; after a kill -9
// either `ferry resume` or `ferry cancel` then the same upload again; after a 401 (rotated token) resume with the
// new token. Resumes until the journal has nothing unfinished or a few tries are spent (the run's final pass, with
// faults off, settles what is left).
import path from 'node:path';
import { Journal } from '../../src/core/upload/journal';
import { isSettled } from '../../src/shared/upload-status';
import { actAlong, writeDrop } from './acts';
import type { RunContext } from './context';
import { ferry, FerryProcess, type FerryResult } from './ferry-process';
import type { Drop } from './plan';

const RESUME_TRIES = 3;

function env(ctx: RunContext, drop: Drop): Record<string, string> {
  return { FRAMEIO_TOKEN: ctx.host.token, FERRY_STATE_DIR: ctx.stateDir(drop) };
}

const base = (ctx: RunContext, drop: Drop) => ['--api', ctx.apiUrl(drop.api), '--json'];

/** Uploads the drop's folder, acting along the way; the result of the process (killed or not). */
async function upload(ctx: RunContext, drop: Drop, withActs: boolean): Promise<FerryResult> {
  const proc = new FerryProcess([...base(ctx, drop), 'upload', ctx.dataDir(drop), '--to', ctx.targetFolderId, '--concurrency', '8'], env(ctx, drop));
  if (withActs) await actAlong(ctx, drop, { kill: () => proc.kill() }, proc.exited);
  const result = await proc.exited;
  heard(ctx, drop, result);
  return result;
}

/** Takes in what ferry reported; one that ended on its own with nothing to report is named in the log with why. */
function heard(ctx: RunContext, drop: Drop, result: FerryResult): void {
  ctx.heard(result.files);
  if (!result.killed && result.code !== 0 && result.files.length === 0) ctx.log(`drop ${drop.index}: ferry exited ${result.code} reporting nothing: ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`);
}

/** The ids of this drop's journaled batches with files not settled (read from the journal, as `ferry status` does). */
async function openBatches(ctx: RunContext, drop: Drop): Promise<string[]> {
  // Read as `ferry status` reads it: the snapshot plus its log (the .json alone may be older after a kill -9).
  const { batches } = await new Journal(path.join(ctx.stateDir(drop), 'journal')).list();
  return batches.filter((batch) => batch.files.some((f) => !isSettled(f.status))).map((batch) => batch.id);
}

/** `ferry resume` until nothing of the drop is unfinished (files failed for good, e.g. changed, stay failed) or the
 * tries are spent; returns whether it settled. */
export async function resumeDrop(ctx: RunContext, drop: Drop, tries = RESUME_TRIES): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if ((await openBatches(ctx, drop)).length === 0) return true;
    const result = await ferry([...base(ctx, drop), 'resume'], env(ctx, drop));
    heard(ctx, drop, result);
    if (result.code === 0 || (!result.killed && result.code === 1 && result.unfinished === 0 && result.files.length > 0)) return true;
  }
  return (await openBatches(ctx, drop)).length === 0;
}

export async function runCliDrop(ctx: RunContext, drop: Drop): Promise<void> {
  await writeDrop(ctx, drop);
  await ctx.host.setFaults(drop.faults);
  const first = await upload(ctx, drop, true);
  if (first.killed && drop.cancelAfterKill) {
    // Discard the interrupted batch (its placeholders removed), then upload the same folder again: nothing doubled.
    for (const id of await openBatches(ctx, drop)) {
      const canceled = await ferry([...base(ctx, drop), 'cancel', id], env(ctx, drop));
      if (canceled.code === 0) ctx.acts.cancel++;
      else ctx.log(`drop ${drop.index}: cancel ${id} exited ${canceled.code}: ${canceled.stderr.trim().split('\n').at(-1)}`);
    }
    await upload(ctx, drop, false);
  }
  // Refused before a batch began (a token rotated before ferry's first call): nothing to resume, so run it again.
  if (!first.killed && first.code !== 0 && first.files.length === 0 && (await openBatches(ctx, drop)).length === 0) await upload(ctx, drop, false);
  if (first.code !== 0 || first.killed) await resumeDrop(ctx, drop);
}
