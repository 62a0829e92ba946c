// The tree as the screen shows it: the expanded part, flattened into rows with their depth, for a flat
// role="tree" list with aria-level (and roving focus with the arrow keys).
import { childKeysOf, type BrowseSlice, type TreeNode } from '../../store/browse-slice';

export interface TreeRow {
  node: TreeNode;
  level: number;
  /** null: not loaded yet (so it may have children); []: a leaf. */
  childKeys: string[] | null;
  setSize: number;
  position: number;
}

export function visibleTree(state: Pick<BrowseSlice, 'nodes' | 'folders' | 'rootKeys'>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (keys: readonly string[], level: number) => {
    keys.forEach((key, index) => {
      const node = state.nodes[key];
      if (!node) return;
      const childKeys = childKeysOf(state, key);
      rows.push({ node, level, childKeys, setSize: keys.length, position: index + 1 });
      if (node.expanded && childKeys) walk(childKeys, level + 1);
    });
  };
  walk(state.rootKeys, 1);
  return rows;
}
