// The browser window's in-page chooser reads this computer's folders through the host (the page itself cannot): one
// folder's entries at a time (name, kind, size), and, when the person chooses, the absolute paths it then grants —
// the same grant main's native dialog gives what was picked in it. Only the page holding the host's cookie asks
// (the same person who could open a native dialog); what is granted is the resolved path (symlinks followed) that
// the scan will read, so a link cannot swap what was shown for something else.
import { readdir, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalEntry, LocalListing } from '../../shared/local-host-api';

/** At most this many entries in one listing (a folder of a million files stays a quick answer). */
export const MAX_LISTED = 5000;

export class LocalRefused extends Error {}

/** An absolute path without NUL bytes, as the page sent it. */
export function checkAbsolute(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0 || p.length > 4096) throw new LocalRefused('an absolute path is needed');
  if (p.includes('\0')) throw new LocalRefused('a path may not contain a NUL byte');
  if (!path.isAbsolute(p)) throw new LocalRefused(`"${p}" is not an absolute path`);
  return p;
}

/** One folder's entries, folders first, then by name; hidden ones (".name") only when asked. No path: the home folder. */
export async function listFolder(requested: string | undefined, options: { hidden?: boolean; home?: string } = {}): Promise<LocalListing> {
  const home = options.home ?? os.homedir();
  const dir = await realpath(requested === undefined ? home : checkAbsolute(requested)).catch((error: NodeJS.ErrnoException) => {
    throw new LocalRefused(`cannot open that folder (${error.code ?? error.message})`);
  });
  if (!(await stat(dir)).isDirectory()) throw new LocalRefused('that is not a folder');
  const dirents = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new LocalRefused(`cannot read that folder (${error.code ?? error.message})`);
  });
  const visible = dirents.filter((d) => options.hidden || !d.name.startsWith('.'));
  const entries: LocalEntry[] = [];
  for (const d of visible.slice(0, MAX_LISTED)) {
    // A link is shown as what it points to; one that points nowhere, or at neither a file nor a folder, is left out.
    const info = await stat(path.join(dir, d.name)).catch(() => null);
    if (info?.isDirectory()) entries.push({ name: d.name, kind: 'folder', size: 0 });
    else if (info?.isFile()) entries.push({ name: d.name, kind: 'file', size: info.size });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = path.dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, home, entries, truncated: visible.length > MAX_LISTED };
}

/** What the person chose: each path resolved (symlinks followed) to the file or folder the scan will read. A path that
 * does not exist, or is neither a file nor a folder, refuses the whole choice. */
export async function resolveChoice(paths: unknown): Promise<string[]> {
  if (!Array.isArray(paths) || paths.length === 0 || paths.length > 10_000) throw new LocalRefused('choose 1 to 10,000 items');
  const resolved: string[] = [];
  for (const p of paths) {
    const real = await realpath(checkAbsolute(p)).catch(() => {
      throw new LocalRefused(`"${String(p)}" is not there any more`);
    });
    const info = await stat(real);
    if (!info.isFile() && !info.isDirectory()) throw new LocalRefused(`"${String(p)}" is neither a file nor a folder`);
    if (!resolved.includes(real)) resolved.push(real);
  }
  return resolved;
}
