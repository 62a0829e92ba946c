// Reads a remote folder tree back through the API so tests can check what really arrived.
import type { Asset, FrameioClient } from '../../src/core/frameio/types';

export interface RemoteTree {
  /** remote path ('Day 1/Cam A/clip.mov') → asset */
  entries: Map<string, Asset>;
  /** paths that appear more than once */
  duplicates: string[];
}

export async function readRemoteTree(client: FrameioClient, folderId: string): Promise<RemoteTree> {
  const tree: RemoteTree = { entries: new Map(), duplicates: [] };
  async function walk(id: string, prefix: string): Promise<void> {
    for (const child of await client.listChildren(id)) {
      const key = prefix ? `${prefix}/${child.name}` : child.name;
      if (tree.entries.has(key)) tree.duplicates.push(key);
      tree.entries.set(key, child);
      if (child.type === 'folder') await walk(child.id, key);
    }
  }
  await walk(folderId, '');
  return tree;
}
