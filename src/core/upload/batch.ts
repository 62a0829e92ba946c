// A batch: what one `ferry upload` (or one drop) asks for. Mirrors the scanned folder tree under the target,
// then uploads every file with one global cap on parts in flight, so small files keep flowing beside a big one.
import { setMaxListeners } from 'node:events';
import mime from 'mime';
import type { FrameioClient } from '../frameio/types';
import { FileProgress } from './file-progress';
import type { FileState } from './file-state';
import { CanceledError, transferFile, type TransferContext } from './file-transfer';
import { Limiter } from './limiter';
import type { ScanProblem, ScanResult } from './scan';

/** Parts in flight across the whole batch. See docs/decisions/0004-concurrency.md. */
export const DEFAULT_PARTS_IN_FLIGHT = 8;
/** Concurrent asset creations: Frame.io V2 allows about 5 creates per second per user. */
export const DEFAULT_CREATES_IN_FLIGHT = 4;

export interface BatchOptions {
  client: FrameioClient;
  targetFolderId: string;
  concurrency?: number;
  signal?: AbortSignal;
  onChange?: (file: FileState) => void;
  /** Test seams. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  confirmTimeoutMs?: number;
}

export interface BatchReport {
  files: FileState[];
  problems: ScanProblem[];
  skippedJunk: string[];
  completed: number;
  failed: number;
}

export const mediaTypeFor = (name: string): string => mime.getType(name) ?? 'application/octet-stream';

export function filesFromScan(scan: ScanResult): FileState[] {
  return scan.files.map((f, id) => ({
    id,
    path: f.path,
    remoteDir: f.remoteDir,
    name: f.name,
    size: f.size,
    mtimeMs: f.mtimeMs,
    status: 'queued',
    assetId: null,
    progress: new FileProgress(f.size),
    retries: 0,
    error: null,
  }));
}

/** Creates the scanned folders under the target, parents first; returns remote path → folder id. */
async function mirrorFolders(client: FrameioClient, targetId: string, folders: readonly string[], limiter: Limiter) {
  const ids = new Map<string, string>([['', targetId]]);
  const byDepth = new Map<number, string[]>();
  for (const folder of folders) {
    const depth = folder.split('/').length;
    byDepth.set(depth, [...(byDepth.get(depth) ?? []), folder]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await Promise.all(
      (byDepth.get(depth) ?? []).map(async (folder) => {
        const cut = folder.lastIndexOf('/');
        const parentId = ids.get(cut < 0 ? '' : folder.slice(0, cut));
        if (!parentId) throw new Error(`internal: parent of ${folder} was not created`);
        const created = await limiter.run(() => client.createFolder(parentId, folder.slice(cut + 1)));
        ids.set(folder, created.id);
      }),
    );
  }
  return ids;
}

export async function uploadBatch(scan: ScanResult, options: BatchOptions, files = filesFromScan(scan)): Promise<BatchReport> {
  const partsInFlight = options.concurrency ?? DEFAULT_PARTS_IN_FLIGHT;
  // Each file in progress listens on the batch's signal: more than Node's default of 10 is expected, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  const ctx: TransferContext = {
    client: options.client,
    partLimiter: new Limiter(partsInFlight),
    createLimiter: new Limiter(DEFAULT_CREATES_IN_FLIGHT),
    partsPerFile: partsInFlight,
    mediaTypeFor,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.confirmTimeoutMs ? { confirmTimeoutMs: options.confirmTimeoutMs } : {}),
  };
  const folderIds = await mirrorFolders(options.client, options.targetFolderId, scan.folders, ctx.createLimiter);

  // Enough files in progress to keep every part slot busy even when they are all one-part files.
  const fileLimiter = new Limiter(Math.max(partsInFlight, DEFAULT_CREATES_IN_FLIGHT) * 2);
  await Promise.all(
    files.map((file) =>
      fileLimiter.run(async () => {
        try {
          if (options.signal?.aborted) throw new CanceledError();
          const parentId = folderIds.get(file.remoteDir);
          if (!parentId) throw new Error(`internal: no remote folder for ${file.remoteDir}`);
          await transferFile(ctx, file, parentId);
          file.status = 'completed';
        } catch (error) {
          file.status = 'failed';
          file.error = (error as Error).message;
        }
        options.onChange?.(file);
      }),
    ),
  );
  const completed = files.filter((f) => f.status === 'completed').length;
  return { files, problems: scan.problems, skippedJunk: scan.skippedJunk, completed, failed: files.length - completed };
}
