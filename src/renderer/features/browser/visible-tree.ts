// The tree as the screen shows it: the expanded part, flattened into rows with their depth, for a flat
// role="tree" list with aria-level (and roving focus with the arrow keys).
import { childKeysOf, type BrowseSlice, type TreeNode } from '../../store/browse-slice';

/** A folder with thousands of subfolders shows the first ones in the tree; the grid (virtualised) shows all. */
export const MAX_TREE_CHILDREN = 200;

export interface TreeRow {
  node: TreeNode;
  level: number;
  /** null: not loaded yet (so it may have children); []: a leaf. */
  childKeys: string[] | null;
  setSize: number;
  position: number;
}

/** Stands after the shown children of a node whose subfolders were cut at MAX_TREE_CHILDREN. */
export interface MoreRow {
  more: number;
  parentKey: string;
  level: number;
}

export function visibleTree(state: Pick<BrowseSlice, 'nodes' | 'folders' | 'rootKeys'>): Array<TreeRow | MoreRow> {
  const rows: Array<TreeRow | MoreRow> = [];
  const walk = (keys: readonly string[], level: number, total: number) => {
    keys.forEach((key, index) => {
      const node = state.nodes[key];
      if (!node) return;
      const childKeys = childKeysOf(state, key);
      rows.push({ node, level, childKeys, setSize: total, position: index + 1 });
      if (node.expanded && childKeys?.length) {
        walk(childKeys.slice(0, MAX_TREE_CHILDREN), level + 1, childKeys.length);
        if (childKeys.length > MAX_TREE_CHILDREN) rows.push({ more: childKeys.length - MAX_TREE_CHILDREN, parentKey: key, level: level + 1 });
      }
    });
  };
  walk(state.rootKeys, 1, state.rootKeys.length);
  return rows;
}

export const isTreeRow = (row: TreeRow | MoreRow): row is TreeRow => 'node' in row;
