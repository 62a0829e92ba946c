// Where a drag would land, read from the element under the pointer: a folder row or tree node (data-drop-folder),
// a file row (data-drop-version: a new version of it), or else the open folder.
import { accountIdOf, currentFolderId, destinationLabel, type TreeNode } from '../../store/browse-slice';
import type { DropTarget } from '../../store/ui-slice';

export function dropTargetAt(element: Element | null, nodes: Record<string, TreeNode>, currentKey: string | null): DropTarget | null {
  const hit = element?.closest<HTMLElement>('[data-drop-folder],[data-drop-version]');
  const currentLabel = destinationLabel(nodes, currentKey);
  const folderId = currentFolderId({ nodes, currentKey });
  // A file or folder row of the grid is in the open folder's account; a tree node knows its own.
  const accountId = accountIdOf(currentKey === null ? undefined : nodes[currentKey]);
  if (hit?.dataset.dropVersion && folderId) {
    return { folderId, accountId, label: currentLabel, versionOf: { assetId: hit.dataset.dropVersion, name: hit.dataset.dropLabel ?? 'this file' } };
  }
  if (hit?.dataset.dropFolder) {
    const key = hit.dataset.dropKey ?? `folder:${hit.dataset.dropFolder}`;
    const label = nodes[key] ? destinationLabel(nodes, key) : [currentLabel, hit.dataset.dropLabel].filter(Boolean).join(' › ');
    return { folderId: hit.dataset.dropFolder, accountId: nodes[key] ? accountIdOf(nodes[key]) : accountId, label };
  }
  return folderId ? { folderId, accountId, label: currentLabel } : null;
}

/** Only drags that carry files are ours (not text or links dragged inside the window). */
export const carriesFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');
