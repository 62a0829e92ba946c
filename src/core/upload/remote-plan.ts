// Where each scanned folder and file lands remotely: existing folders with the same name are reused (never
// duplicated), and a file whose name already exists follows the batch's conflict policy.
import path from 'node:path';
import type { Asset, FrameioClient } from '../frameio/types';
import type { ConflictPolicy } from './journal';
import type { Limiter } from './limiter';

/** `skip` is the default: re-running the same upload (an ingest script, a retried drop) never duplicates footage. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = 'skip';

/** Children of remote folders, each listed at most once per batch, kept current as the batch adds assets. */
export class RemoteIndex {
  private readonly listings = new Map<string, Promise<Asset[]>>();

  constructor(private readonly client: FrameioClient) {}

  children(folderId: string): Promise<Asset[]> {
    let listing = this.listings.get(folderId);
    if (!listing) {
      listing = this.client.listChildren(folderId);
      this.listings.set(folderId, listing);
    }
    return listing;
  }

  async add(folderId: string, asset: Asset): Promise<void> {
    (await this.children(folderId)).push(asset);
  }
}

/** Creates (or reuses) the scanned folders under the target, parents first; returns remote path → folder id. */
export async function mirrorFolders(
  client: FrameioClient,
  index: RemoteIndex,
  targetId: string,
  folders: readonly string[],
  limiter: Limiter,
  known: Record<string, string> = {},
): Promise<Map<string, string>> {
  const ids = new Map<string, string>([['', targetId], ...Object.entries(known)]);
  const byDepth = new Map<number, string[]>();
  for (const folder of folders) {
    if (ids.has(folder)) continue;
    const depth = folder.split('/').length;
    byDepth.set(depth, [...(byDepth.get(depth) ?? []), folder]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await Promise.all(
      (byDepth.get(depth) ?? []).map(async (folder) => {
        const cut = folder.lastIndexOf('/');
        const name = folder.slice(cut + 1);
        const parentId = ids.get(cut < 0 ? '' : folder.slice(0, cut));
        if (!parentId) throw new Error(`internal: parent of ${folder} was not created`);
        const existing = (await index.children(parentId)).find((a) => a.type === 'folder' && a.name === name);
        if (existing) {
          ids.set(folder, existing.id);
          return;
        }
        const created = await limiter.run(() => client.createFolder(parentId, name));
        await index.add(parentId, created);
        ids.set(folder, created.id);
      }),
    );
  }
  return ids;
}

export type ConflictDecision =
  | { action: 'upload'; remoteName: string; versionOf: string | null }
  | { action: 'skip'; existing: Asset };

/** "clip.mov" → "clip (1).mov", "clip (2).mov", … the first name not taken. */
export function nextFreeName(name: string, taken: ReadonlySet<string>): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function resolveConflict(
  index: RemoteIndex,
  parentId: string,
  name: string,
  size: number,
  policy: ConflictPolicy,
): Promise<ConflictDecision> {
  const siblings = await index.children(parentId);
  const same = siblings.filter((a) => a.type !== 'folder' && a.name === name);
  if (same.length === 0) return { action: 'upload', remoteName: name, versionOf: null };
  switch (policy) {
    case 'skip': {
      const identical = same.find((a) => a.size === size && a.uploadComplete);
      return identical ? { action: 'skip', existing: identical } : { action: 'upload', remoteName: name, versionOf: null };
    }
    case 'rename':
      return { action: 'upload', remoteName: nextFreeName(name, new Set(siblings.map((a) => a.name))), versionOf: null };
    case 'version':
      return { action: 'upload', remoteName: name, versionOf: (same.find((a) => a.type === 'version_stack') ?? same[0] as Asset).id };
  }
}
