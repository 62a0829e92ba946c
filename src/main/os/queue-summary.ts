// What the OS should show about the queue: one progress fraction with a mode for the dock/taskbar, whether bytes are
// moving (keep the machine awake), and which batches just finished (one notification each).
import type { UploadRow } from '../../shared/ipc/schemas';

export type ProgressMode = 'none' | 'normal' | 'paused' | 'error';

export interface QueueSummary {
  /** 0..1 over the batches still running (their finished files included), or -1 to hide the bar (Electron's convention). */
  fraction: number;
  mode: ProgressMode;
  bytesMoving: boolean;
}

const DONE = new Set(['completed', 'skipped', 'canceled']);

export function summarizeQueue(rows: readonly UploadRow[]): QueueSummary {
  const open = rows.filter((r) => !DONE.has(r.status));
  if (open.length === 0) return { fraction: -1, mode: 'none', bytesMoving: false };
  // Progress over every file of the batches still running, finished ones at full size: the bar only moves forward
  // as files complete (measuring only the files left would drop it back at each completion).
  const running = new Set(open.map((r) => r.batchId));
  let size = 0;
  let sent = 0;
  for (const r of rows) {
    if (!running.has(r.batchId) || r.status === 'skipped' || r.status === 'canceled') continue;
    size += r.size;
    sent += r.status === 'completed' ? r.size : Math.min(r.size, r.acknowledgedBytes);
  }
  const fraction = size > 0 ? Math.min(1, sent / size) : 0;
  const bytesMoving = open.some((r) => r.status === 'uploading' || r.status === 'creating' || r.status === 'confirming');
  if (open.some((r) => r.status === 'failed')) return { fraction, mode: 'error', bytesMoving };
  if (!bytesMoving && open.some((r) => r.status === 'paused' || r.status === 'offline')) return { fraction, mode: 'paused', bytesMoving };
  return { fraction, mode: 'normal', bytesMoving };
}

export interface FinishedBatch {
  batchId: string;
  files: number;
  failed: number;
  destination: string;
}

/** Batches whose every row is final, not reported before. */
export function newlyFinishedBatches(rows: readonly UploadRow[], reported: Set<string>): FinishedBatch[] {
  const byBatch = new Map<string, UploadRow[]>();
  for (const row of rows) byBatch.set(row.batchId, [...(byBatch.get(row.batchId) ?? []), row]);
  const finished: FinishedBatch[] = [];
  for (const [batchId, batchRows] of byBatch) {
    if (reported.has(batchId) || !batchRows.every((r) => DONE.has(r.status) || r.status === 'failed')) continue;
    reported.add(batchId);
    const top = batchRows.map((r) => r.destination.split('/')[0] ?? '').find(Boolean) ?? '';
    finished.push({ batchId, files: batchRows.length, failed: batchRows.filter((r) => r.status === 'failed').length, destination: top });
  }
  return finished;
}

export function notificationText(batch: FinishedBatch): { title: string; body: string } {
  const ok = batch.files - batch.failed;
  const where = batch.destination ? ` to ${batch.destination}` : '';
  if (batch.failed === 0) return { title: 'Upload finished', body: `${ok} file${ok === 1 ? '' : 's'} uploaded${where}.` };
  return { title: 'Upload finished with problems', body: `${ok} of ${batch.files} files uploaded${where}; ${batch.failed} failed — open Ferry to retry.` };
}
