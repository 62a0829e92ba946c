// What the window may upload (review finding 1): only paths that came from a drop on this window (the preload reads
// each dropped File's path with webUtils.getPathForFile and reports it to main; a page cannot make a File that has a
// path on disk) or from main's own file dialog. Each is a grant, held by main: a preflight looks at granted paths,
// an upload redeems them (once: a second upload of the same drop is a new drop). Exact paths: a granted folder
// grants neither its parent nor its siblings (what is inside it is uploaded as the folder's content).
import path from 'node:path';

/** Grants waiting to be used, at most this many (a window that reports drops without end cannot grow memory). */
const MAX_GRANTS = 10_000;

export class PathGrants {
  private readonly granted = new Set<string>();

  grant(paths: readonly string[]): void {
    for (const p of paths) {
      if (typeof p !== 'string' || p.includes('\0') || !path.isAbsolute(p)) continue;
      if (this.granted.size >= MAX_GRANTS) this.granted.delete(this.granted.values().next().value as string);
      this.granted.add(path.resolve(p));
    }
  }

  /** Throws unless every path was dropped or picked (and not yet uploaded). */
  check(paths: readonly string[]): void {
    const stray = paths.find((p) => !this.granted.has(path.resolve(p)));
    if (stray !== undefined) throw new Error(`"${stray}" was not dropped on this window or picked in its dialog: drop it or use Add files… to upload it.`);
  }

  redeem(paths: readonly string[]): void {
    for (const p of paths) this.granted.delete(path.resolve(p));
  }
}
