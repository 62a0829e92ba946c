// `ferry ls <asset-id> [--tree]`: what is in a folder (or a version stack), the way `ls -l` would show it. Every page
// of every list is read, however many items the folder holds.
import type { Asset } from '../../core/frameio/types';
import { lookupFailure } from '../account-names';
import { CliError } from '../cli-error';
import { formatBytes, printable } from '../format';
import type { Session } from '../session';

interface TreeNode {
  asset: Asset;
  children?: TreeNode[];
}

async function load(session: Session, folderId: string, recurse: boolean): Promise<TreeNode[]> {
  const items = await session.client.listChildren(folderId).catch(async (error: unknown) => {
    throw await lookupFailure(session, error, 'folder', folderId); // names the folder that failed, not only the top
  });
  return Promise.all(
    items.map(async (asset) => ({
      asset,
      ...(recurse && asset.type !== 'file' ? { children: await load(session, asset.id, true) } : {}),
    })),
  );
}

function state(a: Asset): string {
  if (a.type !== 'file') return '';
  return a.uploadComplete ? 'uploaded' : 'incomplete';
}

function sizeOf(asset: Asset): string {
  if (asset.type === 'file') return asset.size === null ? '' : formatBytes(asset.size);
  // V2 counts a folder's items; V4 does not say (its Folder has no count).
  if (asset.type === 'folder' && asset.itemCount !== null) return `${asset.itemCount} items`;
  return '';
}

function print(nodes: TreeNode[], depth: number): void {
  for (const { asset, children } of nodes) {
    const icon = asset.type === 'folder' ? '📁' : asset.type === 'version_stack' ? '🗂' : '  ';
    const name = printable(asset.name); // a name is someone else's text: it must not drive the terminal
    console.log(`${'  '.repeat(depth)}${icon} ${name.padEnd(Math.max(1, 40 - depth * 2))} ${sizeOf(asset).padStart(10)}  ${state(asset).padEnd(10)}  ${asset.id}`);
    if (children) print(children, depth + 1);
  }
}

const toJson = (nodes: TreeNode[]): unknown[] =>
  nodes.map(({ asset, children }) => ({
    id: asset.id,
    name: asset.name,
    type: asset.type,
    size: asset.size,
    upload_complete: asset.uploadComplete,
    ...(children ? { children: toJson(children) } : {}),
  }));

export async function ls(session: Session, assetId: string | undefined, tree: boolean, json: boolean): Promise<void> {
  const id = assetId ?? session.sandboxRootId;
  if (!id) throw new CliError('ferry ls needs an asset id (a folder or a project root).', 2);
  const nodes = await load(session, id, tree);
  if (json) console.log(JSON.stringify(toJson(nodes)));
  else if (nodes.length === 0) console.log('(empty folder)');
  else print(nodes, 0);
}
