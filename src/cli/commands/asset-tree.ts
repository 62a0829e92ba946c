// A folder's contents as `ferry ls` shows them: every page of every list read, each level sorted (folders and
// version stacks first, then files, each by name as a person reads it), printed the way `ls -l` would, or as JSON.
import type { Asset } from '../../core/frameio/types';
import { lookupFailure } from '../account-names';
import { formatBytes, printable } from '../format';
import type { Session } from '../session';

export interface TreeNode {
  asset: Asset;
  children?: TreeNode[];
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const rank = (a: Asset) => (a.type === 'file' ? 1 : 0);

export function sortAssets(assets: readonly Asset[]): Asset[] {
  return [...assets].sort((a, b) => rank(a) - rank(b) || byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

export async function loadTree(session: Session, folderId: string, recurse: boolean): Promise<TreeNode[]> {
  const items = await session.client.listChildren(folderId).catch(async (error: unknown) => {
    throw await lookupFailure(session, error, 'folder', folderId); // names the folder that failed, not only the top
  });
  return Promise.all(
    sortAssets(items).map(async (asset) => ({
      asset,
      ...(recurse && asset.type !== 'file' ? { children: await loadTree(session, asset.id, true) } : {}),
    })),
  );
}

function state(a: Asset): string {
  if (a.type !== 'file') return '';
  return a.uploadComplete ? 'uploaded' : 'incomplete';
}

/** "1 item", "3 items". */
export const itemCount = (n: number): string => `${n} item${n === 1 ? '' : 's'}`;

function sizeOf(asset: Asset): string {
  if (asset.type === 'file') return asset.size === null ? '' : formatBytes(asset.size);
  // V2 counts a folder's items; V4 does not say (its Folder has no count).
  if (asset.type === 'folder' && asset.itemCount !== null) return itemCount(asset.itemCount);
  return '';
}

export function printTree(nodes: TreeNode[], depth: number): void {
  for (const { asset, children } of nodes) {
    const icon = asset.type === 'folder' ? '📁' : asset.type === 'version_stack' ? '🗂' : '  ';
    const name = printable(asset.name); // a name is someone else's text: it must not drive the terminal
    console.log(`${'  '.repeat(depth)}${icon} ${name.padEnd(Math.max(1, 40 - depth * 2))} ${sizeOf(asset).padStart(10)}  ${state(asset).padEnd(10)}  ${asset.id}`);
    if (children) printTree(children, depth + 1);
  }
}

export const treeJson = (nodes: TreeNode[]): unknown[] =>
  nodes.map(({ asset, children }) => ({
    id: asset.id,
    name: asset.name,
    type: asset.type,
    size: asset.size,
    upload_complete: asset.uploadComplete,
    ...(children ? { children: treeJson(children) } : {}),
  }));
