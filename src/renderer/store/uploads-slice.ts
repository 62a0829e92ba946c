// The queue: one row per file, kept as a map by id plus an order list, so a progress event replaces only the rows
// that changed and each row component re-renders only when its own row does.
import type { UploadRow } from '../../shared/ipc/schemas';
import { IN_PROGRESS_STATUSES, MOVING_STATUSES, SETTLED_STATUSES, SUCCEEDED_STATUSES, UNSUCCESSFUL_STATUSES, type UploadStatus } from '../../shared/upload-status';
import type { SliceCreator } from './types';

/** The queue's filters, named as the panel labels them. */
export type QueueFilter = 'all' | 'active' | 'failed' | 'done';

const FILTER_STATUSES: Record<Exclude<QueueFilter, 'all'>, ReadonlySet<UploadStatus>> = {
  active: IN_PROGRESS_STATUSES,
  failed: UNSUCCESSFUL_STATUSES,
  done: SUCCEEDED_STATUSES,
};

export function matchesFilter(row: UploadRow, filter: QueueFilter): boolean {
  return filter === 'all' || FILTER_STATUSES[filter].has(row.status);
}

/** The rows main is moving now (in progress and not paused by the person). */
export function countMoving(rows: Record<number, UploadRow>, order: readonly number[]): number {
  let moving = 0;
  for (const id of order) {
    const row = rows[id];
    if (row && MOVING_STATUSES.has(row.status)) moving += 1;
  }
  return moving;
}

export interface QueueTotals {
  files: number;
  inProgress: number;
  unsuccessful: number;
  succeeded: number;
  bytes: number;
  /** What storage confirmed (a completed file: all of it): the one number the header shows (decisions/0024). */
  acknowledgedBytes: number;
  /** On the wire now, beyond the acknowledged: the lighter "sending" part of the header's bar. */
  sendingBytes: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

export function queueTotals(rows: Record<number, UploadRow>, order: readonly number[]): QueueTotals {
  const totals: QueueTotals = { files: 0, inProgress: 0, unsuccessful: 0, succeeded: 0, bytes: 0, acknowledgedBytes: 0, sendingBytes: 0, bytesPerSecond: 0, etaSeconds: null };
  for (const id of order) {
    const row = rows[id];
    if (!row) continue;
    totals.files += 1;
    if (IN_PROGRESS_STATUSES.has(row.status)) totals.inProgress += 1;
    if (UNSUCCESSFUL_STATUSES.has(row.status)) totals.unsuccessful += 1;
    if (SUCCEEDED_STATUSES.has(row.status)) totals.succeeded += 1;
    if (row.status === 'skipped' || row.status === 'canceled') continue;
    totals.bytes += row.size;
    const acknowledged = row.status === 'completed' ? row.size : Math.min(row.size, row.acknowledgedBytes);
    totals.acknowledgedBytes += acknowledged;
    if (row.status === 'uploading') totals.sendingBytes += Math.max(0, Math.min(row.size, row.sentBytes) - acknowledged);
    totals.bytesPerSecond += row.bytesPerSecond;
  }
  if (totals.inProgress > 0 && totals.bytesPerSecond > 0) totals.etaSeconds = (totals.bytes - totals.acknowledgedBytes) / totals.bytesPerSecond;
  return totals;
}

export interface UploadsSlice {
  rows: Record<number, UploadRow>;
  order: number[];
  filter: QueueFilter;
  selectedUploadId: number | null;
  /** Batch id → the folder it uploads into, so finished uploads refresh what the browser shows. */
  batchFolders: Record<string, string>;
  /** Rows the person cleared (Clear finished): main still lists them, the queue does not while they stay finished. */
  hiddenIds: ReadonlySet<number>;
  applyRows(rows: readonly UploadRow[]): void;
  /** A batch was enqueued into this folder (its rows refresh the folder when they finish). */
  noteBatchFolder(batchId: string, folderId: string): void;
  loadUploads(): Promise<void>;
  setFilter(filter: QueueFilter): void;
  selectUpload(id: number | null): void;
  control(action: 'pause' | 'resume' | 'cancel' | 'retry', ids?: number[]): Promise<void>;
  retryFailed(): Promise<void>;
  clearFinished(): void;
  /** A new session (another account, the sandbox): its engine numbers files from 0 again, so the queue starts over. */
  resetUploads(): void;
}

export const createUploadsSlice: SliceCreator<UploadsSlice> = (set, get, api) => ({
  rows: {},
  order: [],
  filter: 'all',
  selectedUploadId: null,
  batchFolders: {},
  hiddenIds: new Set(),

  applyRows(incoming) {
    const finishedFolders = new Set<string>();
    set((s) => {
      let rows = s.rows;
      let order = s.order;
      let hiddenIds = s.hiddenIds;
      for (const row of incoming) {
        if (hiddenIds.has(row.id)) {
          // A cleared row stays gone while it stays finished; started again (a retry of everything), it is back.
          if (!IN_PROGRESS_STATUSES.has(row.status)) continue;
          hiddenIds = new Set([...hiddenIds].filter((id) => id !== row.id));
        }
        const before = rows[row.id];
        if (before && sameRow(before, row)) continue;
        if (rows === s.rows) rows = { ...s.rows };
        rows[row.id] = row;
        if (!before) order = order === s.order ? [...s.order, row.id] : (order.push(row.id), order);
        const folder = s.batchFolders[row.batchId];
        if (folder && before && !SUCCEEDED_STATUSES.has(before.status) && SUCCEEDED_STATUSES.has(row.status)) finishedFolders.add(folder);
      }
      // Nothing changed: hand back the same state, so no subscriber runs.
      return rows === s.rows && order === s.order ? s : { rows, order, hiddenIds };
    });
    for (const folderId of finishedFolders) get().noteFolderChanged(folderId);
  },

  noteBatchFolder: (batchId, folderId) => set((s) => ({ batchFolders: { ...s.batchFolders, [batchId]: folderId } })),

  async loadUploads() {
    get().applyRows(await api.uploads.list({}));
  },

  setFilter: (filter) => set({ filter }),
  selectUpload: (id) => set({ selectedUploadId: id }),

  async control(action, ids) {
    try {
      // A retry restarts the same files in place: main pushes their rows (same ids) going back to queued.
      await api.uploads[action](ids ? { ids } : {});
    } catch (error) {
      get().announce(`Could not ${action}: ${error instanceof Error ? error.message : String(error)}`);
    }
  },

  async retryFailed() {
    const ids = get().order.filter((id) => { const r = get().rows[id]; return r !== undefined && r.status === 'failed'; });
    if (ids.length) await get().control('retry', ids);
  },

  resetUploads: () => set({ rows: {}, order: [], hiddenIds: new Set(), batchFolders: {}, selectedUploadId: null }),

  clearFinished() {
    set((s) => {
      const order: number[] = [];
      const rows: Record<number, UploadRow> = {};
      const cleared: number[] = [];
      for (const id of s.order) {
        const row = s.rows[id];
        if (row && !SETTLED_STATUSES.has(row.status)) {
          order.push(id);
          rows[id] = row;
        } else cleared.push(id);
      }
      return { order, rows, hiddenIds: new Set([...s.hiddenIds, ...cleared]), selectedUploadId: s.selectedUploadId !== null && rows[s.selectedUploadId] ? s.selectedUploadId : null };
    });
  },
});

function sameRow(a: UploadRow, b: UploadRow): boolean {
  return a.status === b.status && a.sentBytes === b.sentBytes && a.acknowledgedBytes === b.acknowledgedBytes && a.bytesPerSecond === b.bytesPerSecond
    && a.retries === b.retries && a.error === b.error && a.assetId === b.assetId && a.destination === b.destination && a.name === b.name;
}
