// When spooled files go: a file's copy is released as soon as its upload is settled (completed, skipped or canceled —
// heard from the engine's state pushes, whose file ids main maps back to paths), and at start every spool folder no
// unfinished journaled upload reads any more is swept. A failed upload keeps its copy: it can be retried or resumed.
import { Journal } from '../../core/upload/journal';
import { SETTLED_STATUSES } from '../../shared/upload-status';
import type { Spool } from './spool';

/** A push observer (call it with every push main makes): releases the spooled copy of each file whose upload settled. */
export function releaseWhenSettled(spool: Spool, pathOf: (fileId: number) => string | undefined, onError: (error: unknown) => void = () => undefined) {
  return (event: string, payload: unknown): void => {
    if (event !== 'uploads:state') return;
    const row = (payload as { row?: { id: number; status: string } }).row;
    if (!row || !SETTLED_STATUSES.has(row.status as never)) return;
    const file = pathOf(row.id);
    if (file) void spool.release(file).catch(onError);
  };
}

/** Removes the spool folders of earlier runs that no unfinished journaled upload needs; returns their names. */
export async function sweepSpool(spool: Spool, journalDir: string): Promise<string[]> {
  const { batches } = await new Journal(journalDir).list();
  const needed = batches.flatMap((b) => b.files.filter((f) => !SETTLED_STATUSES.has(f.status)).map((f) => f.path));
  return spool.sweep(needed);
}
