// The pre-flight summary of a drop, before any byte moves: how many files and folders, how big, what is skipped
// as junk or unreadable, and which of the dropped files already exist in the destination — at every depth, by
// walking the remote folders that mirror the dropped ones — so the person chooses skip, keep both or version before
// the upload starts, not after. The walk decides the way the engine will: a folder of the same name is reused
// (RemoteFolders), and a file is "already there" when resolveConflict would skip it (same name, same size, complete).
import path from 'node:path';
import type { FrameioClient } from '../../core/frameio/types';
import { Limiter } from '../../core/upload/limiter';
import { type FolderListing, RemoteIndex, resolveConflict } from '../../core/upload/remote-plan';
import { type LocalFile, scanPaths } from '../../core/upload/scan';
import type { Preflight } from '../../shared/ipc/schemas';

/** Remote folders the pre-flight lists at most (each listing is paged, one request per page): a drop of thousands
 * of folders is checked in part, and says so, rather than holding the sheet for minutes. */
export const PREFLIGHT_MAX_LISTINGS = 200;
/** Folder listings in flight at once. */
const LISTINGS_IN_FLIGHT = 4;
/** Paths named in `clashes`, at most (the counts cover every file). */
export const MAX_CLASH_NAMES = 50;

/** Main re-validates every path the renderer sends (a drop, a dialog): absolute, no NUL bytes. Whether it exists
 * and can be read is the scan's job, which reports each problem by name. */
export function checkLocalPaths(paths: readonly string[]): void {
  for (const p of paths) {
    if (p.includes('\0')) throw new Error('A path contains a NUL byte and cannot be a file on disk.');
    if (!path.isAbsolute(p)) throw new Error(`"${p}" is not an absolute path on this computer.`);
  }
}

export async function preflight(client: FrameioClient, paths: readonly string[], folderId: string, maxListings = PREFLIGHT_MAX_LISTINGS): Promise<Preflight> {
  checkLocalPaths(paths);
  const walk = new RemoteWalk(client, folderId, maxListings);
  walk.list(folderId)?.catch(() => undefined); // read while the disk is scanned; a failure is met again below
  const scan = await scanPaths(paths);
  const existing = await walk.check(scan.folders, scan.files);
  return {
    files: scan.files.length,
    folders: scan.folders.length,
    totalBytes: scan.totalBytes,
    skippedJunk: scan.skippedJunk.length,
    problems: scan.problems.map((p) => p.message),
    clashes: existing.clashes,
    existing: { identical: existing.identical, differing: existing.differing, checkedAll: existing.checkedAll },
  };
}

/** The remote side of a drop, listed along the dropped tree: only folders that mirror a dropped one are listed
 * (a folder the upload will create is empty), each once, at most `maxListings` of them. */
class RemoteWalk {
  private readonly index: RemoteIndex;
  private readonly limiter = new Limiter(LISTINGS_IN_FLIGHT);
  private readonly listed = new Map<string, Promise<FolderListing>>();
  checkedAll = true;

  constructor(
    client: FrameioClient,
    private readonly targetId: string,
    private readonly maxListings: number,
  ) {
    this.index = new RemoteIndex(client);
  }

  /** The children of a remote folder, or null when the bound is reached (the walk then says it checked in part). */
  list(folderId: string): Promise<FolderListing> | null {
    let listing = this.listed.get(folderId);
    if (!listing) {
      if (this.listed.size >= this.maxListings) {
        this.checkedAll = false;
        return null;
      }
      listing = this.limiter.run(() => this.index.children(folderId)); // each folder read once, four at a time
      this.listed.set(folderId, listing);
    }
    return listing;
  }

  /** The remote folder id of each dropped folder that already exists remotely ('' is the destination), parents first. */
  private async mirrors(folders: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>([['', this.targetId]]);
    // A level at a time (the scan lists every parent), so each folder's parent is looked up before it.
    for (let depth = 1, level = folders; level.length > 0; depth++) {
      const here = level.filter((folder) => folder.split('/').length === depth);
      level = level.filter((folder) => folder.split('/').length > depth);
      await Promise.all(here.map((folder) => this.findMirror(folder, ids)));
    }
    return ids;
  }

  private async findMirror(folder: string, ids: Map<string, string>): Promise<void> {
    const cut = folder.lastIndexOf('/');
    const parentId = ids.get(cut < 0 ? '' : folder.slice(0, cut));
    const siblings = parentId ? await this.list(parentId) : null; // no parent there: nothing below it is either
    const same = siblings?.named(folder.slice(cut + 1)).find((a) => a.type === 'folder');
    if (same) ids.set(folder, same.id);
  }

  async check(folders: readonly string[], files: readonly LocalFile[]) {
    const ids = await this.mirrors(folders);
    const identical: string[] = [];
    const differing: string[] = [];
    await Promise.all(
      files.map(async (file) => {
        const parentId = ids.get(file.remoteDir);
        const siblings = parentId ? await this.list(parentId) : null;
        if (!parentId || !siblings?.named(file.name).some((a) => a.type !== 'folder')) return;
        const decision = await resolveConflict(this.index, parentId, file.name, file.size, 'skip');
        (decision.action === 'skip' ? identical : differing).push(file.remoteDir ? `${file.remoteDir}/${file.name}` : file.name);
      }),
    );
    // The ones a choice changes most come first: a name taken by a different file.
    const clashes = [...differing.sort(), ...identical.sort()].slice(0, MAX_CLASH_NAMES);
    return { identical: identical.length, differing: differing.length, clashes, checkedAll: this.checkedAll };
  }
}
