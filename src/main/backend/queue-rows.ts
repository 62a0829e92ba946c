// The upload queue as the window sees it: one row per engine file, with the batch it belongs to, where it goes
// (named from the folder the person chose) and its smoothed speed (of acknowledged bytes, decisions/0024). Rows are kept by id, never found by scanning: a
// card of 20,000 stills must not make every progress tick O(n²). A row is a snapshot made from the engine's events,
// so a file that finished and left the engine's memory still has its last row here. A retry is the same file (the
// same id) again: its row simply moves on.
import type { FileState } from '../../core/upload/file-state';
import { ACKNOWLEDGED_SAMPLE_MS, SpeedMeter } from '../../core/upload/speed-meter';
import type { UploadRow } from '../../shared/ipc/schemas';
import { fileToRow } from './to-contract';

interface RowInfo {
  batchId: string;
  remoteDir: string;
  destination: string;
  meter: SpeedMeter;
  row: UploadRow;
}

const place = (folderName: string | undefined, remoteDir: string) => [folderName, remoteDir].filter(Boolean).join('/') || '/';

export class QueueRows {
  private readonly info = new Map<number, RowInfo>();
  /** Batch id → the name of the folder it uploads into, for the rows of resumed batches. */
  private readonly batchFolders = new Map<string, string>();

  nameBatchFolder(batchId: string, folderName: string): void {
    this.batchFolders.set(batchId, folderName);
  }

  /** A batch (a drop or a resume) gets its rows at once, before its files start moving. */
  addBatch(batchId: string, files: readonly FileState[]): void {
    for (const file of files) {
      const destination = place(this.batchFolders.get(batchId), file.remoteDir);
      const row = fileToRow(file, { batchId, destination, bytesPerSecond: 0 });
      this.info.set(file.id, { batchId, remoteDir: file.remoteDir, destination, meter: new SpeedMeter(Date.now, ACKNOWLEDGED_SAMPLE_MS), row });
    }
  }

  /** A drop's rows are named from the folder it was dropped on, once main has looked that folder up. */
  placeIn(fileIds: readonly number[], folderName: string): void {
    for (const fileId of fileIds) {
      const info = this.info.get(fileId);
      if (!info) continue;
      info.destination = place(folderName, info.remoteDir);
      info.row = { ...info.row, destination: info.destination };
    }
  }

  /** The file changed (a state or progress event): its row now, or null when it is not one of ours. */
  update(file: FileState): UploadRow | null {
    const info = this.info.get(file.id);
    if (!info) return null;
    info.row = fileToRow(file, { batchId: info.batchId, destination: info.destination, bytesPerSecond: info.meter.update(file.progress.acknowledgedBytes) });
    return info.row;
  }

  row(fileId: number): UploadRow | null {
    return this.info.get(fileId)?.row ?? null;
  }

  rows(): UploadRow[] {
    return [...this.info.values()].map((i) => i.row);
  }
}
