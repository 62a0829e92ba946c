// The pre-flight summary of a drop, before any byte moves: how many files and folders, how big, what is skipped
// as junk or unreadable, and which top-level names already exist in the destination (so the person chooses skip,
// keep both or version before the upload starts, not after).
import path from 'node:path';
import type { FrameioClient } from '../../core/frameio/types';
import { scanPaths } from '../../core/upload/scan';
import type { Preflight } from '../../shared/ipc/schemas';

/** Main re-validates every path the renderer sends (a drop, a dialog): absolute, no NUL bytes. Whether it exists
 * and can be read is the scan's job, which reports each problem by name. */
export function checkLocalPaths(paths: readonly string[]): void {
  for (const p of paths) {
    if (p.includes('\0')) throw new Error('A path contains a NUL byte and cannot be a file on disk.');
    if (!path.isAbsolute(p)) throw new Error(`"${p}" is not an absolute path on this computer.`);
  }
}

export async function preflight(client: FrameioClient, paths: readonly string[], folderId: string): Promise<Preflight> {
  checkLocalPaths(paths);
  const [scan, existing] = await Promise.all([scanPaths(paths), client.listChildren(folderId)]);
  const taken = new Set(existing.map((a) => a.name.normalize('NFC')));
  // Only what the drop itself names can clash at the top level; what is inside a reused folder is merged into it.
  const topLevel = new Set(paths.map((p) => path.basename(p).normalize('NFC')));
  return {
    files: scan.files.length,
    folders: scan.folders.length,
    totalBytes: scan.totalBytes,
    skippedJunk: scan.skippedJunk.length,
    problems: scan.problems.map((p) => p.message),
    clashes: [...topLevel].filter((name) => taken.has(name) && scan.files.some((f) => f.remoteDir === '' && f.name === name)),
  };
}
