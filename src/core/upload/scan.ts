// Pre-flight scan of what the user dropped: every file to upload, every folder to mirror, and every problem
// (missing, unreadable, empty) with a specific message, before a single byte moves.
import { constants } from 'node:fs';
import { access, lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Files no one means to upload: Finder/Explorer metadata. */
const JUNK_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.localized']);
export const isJunk = (name: string): boolean => JUNK_NAMES.has(name) || name.startsWith('._');

export interface LocalFile {
  path: string;
  /** Remote folder path relative to the upload target, '' for the target itself; '/'-separated, NFC. */
  remoteDir: string;
  name: string;
  size: number;
  mtimeMs: number;
}

/** A folder of the scan, shared by its files: where it is on disk and where it goes remotely. */
interface ScannedFolder {
  readonly diskPath: string;
  readonly remoteDir: string;
}

/** One file of the scan, small (issue 14: a 100,000-file drop is held for the whole upload): its folder is shared,
 * its name kept once when it is already NFC, and its path made only when asked for (a string per file was a third of
 * what an entry cost). A file given by itself has no folder: its path is kept whole. */
class ScannedFile implements LocalFile {
  constructor(
    private readonly folder: ScannedFolder | null,
    /** The name on disk (or, with no folder, the whole path). */
    private readonly diskName: string,
    readonly name: string,
    readonly size: number,
    readonly mtimeMs: number,
  ) {}

  get path(): string {
    return this.folder ? path.join(this.folder.diskPath, this.diskName) : this.diskName;
  }

  get remoteDir(): string {
    return this.folder ? this.folder.remoteDir : '';
  }
}

export interface ScanProblem {
  path: string;
  message: string;
}

export interface ScanResult {
  files: LocalFile[];
  /** Remote folders to create, parents before children. */
  folders: string[];
  problems: ScanProblem[];
  skippedJunk: string[];
  totalBytes: number;
}

const nfc = (name: string) => name.normalize('NFC');

function describeFsError(p: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `${p}: no such file or folder`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `${p}: permission denied (cannot read it)`;
  return `${p}: ${error.message}`;
}

/** What a directory entry or a stat is, in words, for the ones that are neither a file nor a folder. */
function kindOf(entry: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string {
  if (entry.isDirectory()) return 'a folder';
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'something that is not a regular file';
}

export async function scanPaths(inputs: readonly string[]): Promise<ScanResult> {
  const result: ScanResult = { files: [], folders: [], problems: [], skippedJunk: [], totalBytes: 0 };

  /** `p` in `folder` under its entry's name (readdir's own string: a slice of `p` would keep the whole path alive). */
  async function addFile(p: string, folder: ScannedFolder | null, entryName?: string): Promise<void> {
    const onDisk = entryName ?? path.basename(p);
    const normalized = nfc(onDisk);
    const name = normalized === onDisk ? onDisk : normalized; // one string for both when the name is already NFC
    try {
      const s = await stat(p);
      await access(p, constants.R_OK);
      if (s.size === 0) {
        result.problems.push({ path: p, message: `${p}: the file is empty (0 bytes); Frame.io cannot store an empty file` });
        return;
      }
      result.files.push(new ScannedFile(folder, folder ? onDisk : p, name, s.size, s.mtimeMs));
      result.totalBytes += s.size;
    } catch (error) {
      result.problems.push({ path: p, message: describeFsError(p, error as NodeJS.ErrnoException) });
    }
  }

  /** Mirrors `dir` under `remoteDir`: a folder is kept when something in it is uploaded, or when it is empty on
   * disk (empty folders are mirrored); one that cannot be read, or whose every entry was refused (only empty files,
   * only links to folders, a loop), creates nothing remotely. */
  async function walk(dir: string, remoteDir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ path: dir, message: describeFsError(dir, error as NodeJS.ErrnoException) });
      return;
    }
    const at = result.folders.length;
    const filesBefore = result.files.length;
    result.folders.push(remoteDir);
    const folder: ScannedFolder = { diskPath: dir, remoteDir };
    entries.sort((a, b) => a.name.localeCompare(b.name));
    let meaningful = 0;
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (isJunk(entry.name)) {
        result.skippedJunk.push(full);
        continue;
      }
      meaningful++;
      if (entry.isDirectory()) await walk(full, `${remoteDir}/${nfc(entry.name)}`);
      else if (entry.isFile()) await addFile(full, folder, entry.name);
      else if (entry.isSymbolicLink()) {
        // Linked files are uploaded; linked folders are not followed (they can loop or leave the dropped tree).
        const target = await stat(full).catch((error: NodeJS.ErrnoException) => error);
        if (target instanceof Error) result.problems.push({ path: full, message: `${full}: symbolic link to ${target.code === 'ELOOP' ? 'itself (a loop)' : 'a missing target'}, skipped` });
        else if (target.isFile()) await addFile(full, folder, entry.name);
        else result.problems.push({ path: full, message: `${full}: symbolic link to ${kindOf(target)}, not followed` });
      } else result.problems.push({ path: full, message: `${full}: ${kindOf(entry)}, not a file: skipped` });
    }
    const keptSomething = result.files.length > filesBefore || result.folders.length > at + 1;
    if (!keptSomething && meaningful > 0) result.folders.splice(at, 1); // nothing of it goes: no empty remote folder
  }

  const rootFolders = new Set<string>();
  for (const input of inputs) {
    const p = path.resolve(input);
    let s;
    try {
      s = await lstat(p);
      if (s.isSymbolicLink()) s = await stat(p);
    } catch (error) {
      result.problems.push({ path: input, message: describeFsError(input, error as NodeJS.ErrnoException) });
      continue;
    }
    if (s.isDirectory()) {
      const name = nfc(path.basename(p));
      if (name === '') {
        result.problems.push({ path: input, message: `${input}: cannot upload a whole filesystem root; choose folders inside it` });
      } else if (rootFolders.has(name)) {
        // Both would mirror into one remote folder of that name, silently merging two trees.
        result.problems.push({ path: input, message: `${input}: another dropped folder is also named "${name}"; upload it separately or rename one` });
      } else {
        rootFolders.add(name);
        await walk(p, name);
      }
    } else if (s.isFile()) await addFile(p, null);
    else result.problems.push({ path: input, message: `${input}: ${kindOf(s)}, not a file or folder` });
  }
  return result;
}
