// The upload queue as the window sees it: one row per engine file, with the batch it belongs to, where it goes
// (named from the folder the person chose) and its smoothed speed. Rows are kept by id, never found by scanning: a
// card of 20,000 stills must not make every progress tick O(n²).
import type { FileState } from '../../core/upload/file-state';
import { SpeedMeter } from '../../core/upload/speed-meter';
import type { UploadRow } from '../../shared/ipc/schemas';
import { fileToRow } from './to-contract';

interface RowInfo {
  batchId: string;
  destination: string;
  meter: SpeedMeter;
  file: FileState;
}

export class QueueRows {
  private readonly info = new Map<number, RowInfo>();
  /** Local path + remote folder → the latest row for it, so a retry finds the row it repeats without a scan. */
  private readonly byTarget = new Map<string, number>();
  /** Batch id → the name of the folder it uploads into, for the rows of resumed batches. */
  private readonly batchFolders = new Map<string, string>();

  nameBatchFolder(batchId: string, folderName: string): void {
    this.batchFolders.set(batchId, folderName);
  }

  /** A batch (a drop, a retry, a resume) gets its rows at once, before its files start moving. */
  addBatch(batchId: string, fileIds: readonly number[], engineFiles: readonly FileState[]): void {
    const wanted = new Set(fileIds);
    const files = new Map(engineFiles.filter((f) => wanted.has(f.id)).map((f) => [f.id, f]));
    for (const fileId of fileIds) {
      const file = files.get(fileId);
      if (!file) continue;
      // A retry batch is the same file going to the same place: it keeps the row's destination.
      const target = `${file.path}\0${file.remoteDir}`;
      const earlier = this.byTarget.get(target);
      const destination = (earlier !== undefined && !this.batchFolders.has(batchId) ? this.info.get(earlier)?.destination : undefined)
        ?? ([this.batchFolders.get(batchId), file.remoteDir].filter(Boolean).join('/') || '/');
      this.info.set(fileId, { batchId, destination, meter: new SpeedMeter(), file });
      this.byTarget.set(target, fileId);
    }
  }

  /** A drop's rows are named from the folder it was dropped on, once main has looked that folder up. */
  placeIn(fileIds: readonly number[], folderName: string): void {
    for (const fileId of fileIds) {
      const info = this.info.get(fileId);
      if (info) info.destination = [folderName, info.file.remoteDir].filter(Boolean).join('/');
    }
  }

  row(fileId: number): UploadRow | null {
    const info = this.info.get(fileId);
    if (!info) return null;
    const { file } = info;
    return fileToRow(file, { batchId: info.batchId, destination: info.destination, bytesPerSecond: info.meter.update(file.progress.transferredBytes) });
  }

  rows(): UploadRow[] {
    return [...this.info.keys()].map((id) => this.row(id)).filter((r): r is UploadRow => r !== null);
  }

  /** A new engine numbers its files from 0 again. */
  clear(): void {
    this.info.clear();
    this.byTarget.clear();
  }
}
