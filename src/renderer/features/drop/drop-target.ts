// Where a drag would land, read from the element under the pointer: a folder row or tree node (data-drop-folder),
// a file row (data-drop-version: a new version of it), or else the open folder.
import { currentFolderId, destinationLabel, type TreeNode } from '../../store/browse-slice';
import type { DropTarget } from '../../store/ui-slice';

export function dropTargetAt(element: Element | null, nodes: Record<string, TreeNode>, currentKey: string | null): DropTarget | null {
  const hit = element?.closest<HTMLElement>('[data-drop-folder],[data-drop-version]');
  const currentLabel = destinationLabel(nodes, currentKey);
  const folderId = currentFolderId({ nodes, currentKey });
  if (hit?.dataset.dropVersion && folderId) {
    return { folderId, label: currentLabel, versionOf: { assetId: hit.dataset.dropVersion, name: hit.dataset.dropLabel ?? 'this file' } };
  }
  if (hit?.dataset.dropFolder) {
    const key = hit.dataset.dropKey ?? `folder:${hit.dataset.dropFolder}`;
    const label = nodes[key] ? destinationLabel(nodes, key) : [currentLabel, hit.dataset.dropLabel].filter(Boolean).join(' › ');
    return { folderId: hit.dataset.dropFolder, label };
  }
  return folderId ? { folderId, label: currentLabel } : null;
}

/** Only drags that carry files are ours (not text or links dragged inside the window). */
export const carriesFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');
