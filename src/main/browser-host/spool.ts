// The browser window's stand-in for a dropped file's path: a plain browser cannot tell the page where a dropped file
// lives on disk (Electron's webUtils can), so the page streams each dropped file to the host, which writes it here —
// a private folder (0700, files 0600) under the preview's state dir, one folder per drop keeping the dropped tree's
// relative paths (`<root>/<dropId>/<relative path>`) — and the upload reads it from there like any dropped path.
// A spooled file lives until its upload completes, is skipped or canceled (release); while it exists the journal
// points at it, so an interrupted upload resumes at the next start. Nothing outside the root is ever written or
// removed: every path is built from a checked drop id and checked relative segments, and re-checked under the root.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, rm, rmdir, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bounds on what a page may ask the host to write (names as the file systems Ferry runs on allow them). */
export const SPOOL_LIMITS = { pathChars: 4096, segmentBytes: 255, depth: 64, filesPerDrop: 100_000, openDrops: 64 };
/** Room left on the disk after a spooled file, so a drop never fills it. */
const FREE_MARGIN_BYTES = 256 * 1024 * 1024;
const DROP_ID = /^[0-9a-f]{16}$/;

export class SpoolRefused extends Error {}

interface OpenDrop {
  files: number;
  /** Top-level names received, in order: what the drop grants. */
  top: string[];
}

export class Spool {
  private readonly open = new Map<string, OpenDrop>();

  constructor(readonly root: string) {
    if (!path.isAbsolute(root)) throw new Error('the spool root must be an absolute path');
  }

  /** A new drop's id (its folder is made with its first file). */
  begin(): string {
    if (this.open.size >= SPOOL_LIMITS.openDrops) throw new SpoolRefused('too many drops are being received at once');
    const id = randomBytes(8).toString('hex');
    this.open.set(id, { files: 0, top: [] });
    return id;
  }

  /** Streams one file of a drop to `<root>/<dropId>/<relative>`, never holding more than a chunk in memory. A file
   * already there is refused (a drop names each file once). `size` (the request's Content-Length), when known, must
   * leave room on the disk. */
  async receive(dropId: string, relative: string, body: Readable, size: number | null): Promise<string> {
    const drop = this.drop(dropId);
    const segments = checkRelative(relative);
    if (drop.files >= SPOOL_LIMITS.filesPerDrop) throw new SpoolRefused('too many files in one drop');
    await mkdir(path.join(this.root, dropId), { recursive: true, mode: 0o700 });
    if (size !== null) {
      const fs = await statfs(this.root);
      if (size > fs.bavail * fs.bsize - FREE_MARGIN_BYTES) throw new SpoolRefused('not enough free disk space to receive this file');
    }
    const target = this.inside(path.join(this.root, dropId, ...segments));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    drop.files += 1;
    try {
      await pipeline(body, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SpoolRefused(`"${relative}" was already received in this drop`);
      await rm(target, { force: true }).catch(() => undefined); // a half-received file is no file
      throw error;
    }
    const top = segments[0] as string;
    if (!drop.top.includes(top)) drop.top.push(top);
    return target;
  }

  /** The drop is complete: its top-level paths (files, and folders holding the dropped folders' trees), to be granted
   * and pre-flighted like a drop's paths. */
  finish(dropId: string): string[] {
    const drop = this.drop(dropId);
    this.open.delete(dropId);
    return drop.top.map((name) => path.join(this.root, dropId, name));
  }

  /** Drops a drop that was abandoned (the page gave up, or the pre-flight was cancelled): its files go. */
  async discard(dropId: string): Promise<void> {
    if (!DROP_ID.test(dropId)) throw new SpoolRefused('no such drop');
    this.open.delete(dropId);
    await rm(path.join(this.root, dropId), { recursive: true, force: true });
  }

  /** A file's upload is over (completed, skipped, canceled): its spooled copy goes, and the folders it leaves empty,
   * up to the spool root. Paths outside the spool are not ours and are left alone. */
  async release(file: string): Promise<boolean> {
    const resolved = path.resolve(file);
    if (!this.contains(resolved)) return false;
    await rm(resolved, { force: true });
    for (let dir = path.dirname(resolved); dir !== this.root && this.contains(dir); dir = path.dirname(dir)) {
      try {
        await rmdir(dir); // only when empty
      } catch {
        break;
      }
    }
    return true;
  }

  /** At start: every drop folder that none of `keep` (the paths unfinished journaled uploads still read) lies in is
   * left over from an earlier run, and goes. Drops being received now are kept. */
  async sweep(keep: Iterable<string>): Promise<string[]> {
    const needed = new Set<string>();
    for (const p of keep) {
      const rel = path.relative(this.root, path.resolve(p));
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) needed.add(rel.split(path.sep)[0] as string);
    }
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await chmod(this.root, 0o700); // private, even if an earlier hand made it wider
    const names = await readdir(this.root);
    const removed = names.filter((n) => DROP_ID.test(n) && !needed.has(n) && !this.open.has(n));
    for (const name of removed) await rm(path.join(this.root, name), { recursive: true, force: true });
    return removed;
  }

  private drop(dropId: string): OpenDrop {
    const drop = DROP_ID.test(dropId) ? this.open.get(dropId) : undefined;
    if (!drop) throw new SpoolRefused('no such drop (begin one first)');
    return drop;
  }

  private contains(p: string): boolean {
    const rel = path.relative(this.root, p);
    return rel !== '' && !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel);
  }

  private inside(p: string): string {
    if (!this.contains(p)) throw new SpoolRefused('that path leaves the spool');
    return p;
  }
}

/** A dropped item's path relative to the drop ("Day 1/clip.mov"), as segments: no absolute path, no empty, `.` or
 * `..` segment, no NUL or backslash, each name and the whole within bounds. */
export function checkRelative(relative: string): string[] {
  if (typeof relative !== 'string' || relative.length === 0 || relative.length > SPOOL_LIMITS.pathChars) throw new SpoolRefused('a relative path of 1–4096 characters is needed');
  if (relative.includes('\0') || relative.includes('\\')) throw new SpoolRefused('a path may not contain NUL or backslash');
  if (relative.startsWith('/') || path.isAbsolute(relative)) throw new SpoolRefused('an absolute path is not a dropped item');
  const segments = relative.split('/');
  if (segments.length > SPOOL_LIMITS.depth) throw new SpoolRefused('that path is nested too deep');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') throw new SpoolRefused(`"${relative}" has an empty, "." or ".." part`);
    if (Buffer.byteLength(s) > SPOOL_LIMITS.segmentBytes) throw new SpoolRefused('a name in that path is too long');
  }
  return segments;
}
