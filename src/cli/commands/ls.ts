// `ferry ls [asset-id] [--tree]`: what is in a folder (or a version stack), the way `ls -l` would show it; with no id,
// where one can upload: accounts → workspaces (V2: teams) → projects with their root folder ids.
import { loadTree, printTree, treeJson } from './asset-tree';
import { places } from './places';
import type { Session } from '../session';

export async function ls(session: Session, assetId: string | undefined, tree: boolean, json: boolean): Promise<void> {
  if (!assetId) return places(session, tree, json);
  const nodes = await loadTree(session, assetId, tree);
  if (json) console.log(JSON.stringify(treeJson(nodes)));
  else if (nodes.length === 0) console.log('(empty folder)');
  else printTree(nodes, 0);
}
