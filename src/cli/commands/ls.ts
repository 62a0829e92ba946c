// `ferry ls <asset-id> [--tree]`: what is in a folder, the way `ls -l` would show it.
import type { Asset } from '../../core/frameio/types';
import { CliError, explain } from '../cli-error';
import { formatBytes } from '../format';
import type { Session } from '../session';

interface TreeNode {
  asset: Asset;
  children?: TreeNode[];
}

async function load(session: Session, folderId: string, recurse: boolean): Promise<TreeNode[]> {
  const items = await session.client.listChildren(folderId);
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

function print(nodes: TreeNode[], depth: number): void {
  for (const { asset, children } of nodes) {
    const size = asset.type === 'file' && asset.size !== null ? formatBytes(asset.size) : asset.type === 'folder' ? `${asset.itemCount ?? 0} items` : '';
    const icon = asset.type === 'folder' ? '📁' : asset.type === 'version_stack' ? '🗂' : '  ';
    console.log(`${'  '.repeat(depth)}${icon} ${asset.name.padEnd(Math.max(1, 40 - depth * 2))} ${size.padStart(10)}  ${state(asset).padEnd(10)}  ${asset.id}`);
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
  const nodes = await load(session, id, tree).catch((error: unknown) => {
    throw new CliError(explain(error, `folder ${id}`));
  });
  if (json) console.log(JSON.stringify(toJson(nodes)));
  else if (nodes.length === 0) console.log('(empty folder)');
  else print(nodes, 0);
}
