// The left pane: accounts → workspaces → projects (and shared) → folders, lazily loaded. Arrow keys move, → opens
// a level, ← closes it or goes to the parent, Enter opens the folder on the right. Each project or folder row is
// also a drop target.
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { AccountIcon, CollapsedIcon, ExpandedIcon, FolderIcon, FolderOpenIcon, ProjectIcon, SharedIcon, SpinnerIcon, WarningIcon, WorkspaceIcon } from '../../components/icons';
import { useApp } from '../../store/context';
import { folderIdOf, type NodeKind } from '../../store/browse-slice';
import { isTreeRow, type TreeRow, visibleTree } from './visible-tree';

const KIND_ICON: Record<NodeKind, typeof FolderIcon> = { account: AccountIcon, workspace: WorkspaceIcon, project: ProjectIcon, folder: FolderIcon, shared: SharedIcon };

export function FolderTree() {
  const nodes = useApp((s) => s.nodes);
  const folders = useApp((s) => s.folders);
  const rootKeys = useApp((s) => s.rootKeys);
  const rootsLoading = useApp((s) => s.rootsLoading);
  const browseError = useApp((s) => s.browseError);
  const loadRoots = useApp((s) => s.loadRoots);
  const currentKey = useApp((s) => s.currentKey);
  const dragFolderId = useApp((s) => (s.dragTarget && !s.dragTarget.versionOf ? s.dragTarget.folderId : null));
  const toggleNode = useApp((s) => s.toggleNode);
  const openNode = useApp((s) => s.openNode);
  const allRows = useMemo(() => visibleTree({ nodes, folders, rootKeys }), [nodes, folders, rootKeys]);
  const rows = useMemo(() => allRows.filter(isTreeRow), [allRows]);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const focused = rows.find((r) => r.node.key === (focusKey ?? currentKey)) ?? rows[0];

  const focusRow = (row: TreeRow | undefined) => {
    if (!row) return;
    setFocusKey(row.node.key);
    list.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(row.node.key)}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!focused) return;
    const index = rows.indexOf(focused);
    const { node, childKeys } = focused;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown': return focusRow(rows[index + 1]), true;
        case 'ArrowUp': return focusRow(rows[index - 1]), true;
        case 'Home': return focusRow(rows[0]), true;
        case 'End': return focusRow(rows[rows.length - 1]), true;
        case 'ArrowRight':
          if (!node.expanded && childKeys?.length !== 0) void toggleNode(node.key, true);
          else focusRow(rows[index + 1]?.level === focused.level + 1 ? rows[index + 1] : undefined);
          return true;
        case 'ArrowLeft':
          if (node.expanded) void toggleNode(node.key, false);
          else focusRow(rows.find((r) => r.node.key === node.parentKey));
          return true;
        case 'Enter':
        case ' ':
          void openNode(node.key);
          return true;
        default: return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  return (
    <nav className="tree-pane" aria-label="Projects and folders">
      {rootsLoading && rootKeys.length === 0 ? <p className="tree__note muted"><SpinnerIcon size={13} className="spin" aria-hidden="true" /> Loading your projects…</p> : null}
      {browseError ? (
        <div className="tree__note" role="alert">
          <p className="danger"><WarningIcon size={13} aria-hidden="true" /> Could not load your projects: {browseError}</p>
          <button type="button" className="button button--secondary" onClick={() => void loadRoots()}>Try again</button>
        </div>
      ) : null}
      <ul role="tree" aria-label="Projects and folders" className="tree" ref={list} onKeyDown={onKeyDown}>
        {allRows.map((row) => {
          if (!isTreeRow(row)) {
            return (
              <li key={`${row.parentKey}:more`} role="none" className="tree__more muted" style={{ paddingInlineStart: `${(row.level - 1) * 14 + 28}px` }}>
                {row.more.toLocaleString()} more — open the folder to see all
              </li>
            );
          }
          const { node, level, childKeys } = row;
          const Icon = node.kind === 'folder' && node.key === currentKey ? FolderOpenIcon : KIND_ICON[node.kind];
          const leaf = childKeys !== null && childKeys.length === 0;
          const folderId = folderIdOf(node);
          const loading = node.loading || (folderId !== undefined && folders[folderId]?.loading && node.expanded);
          const dropTarget = folderId !== undefined;
          return (
            <li key={node.key} role="treeitem" data-key={node.key} aria-level={level} aria-setsize={row.setSize} aria-posinset={row.position}
              aria-expanded={leaf ? undefined : node.expanded} aria-selected={node.key === currentKey}
              tabIndex={node.key === focused?.node.key ? 0 : -1}
              className={`tree__row${node.key === currentKey ? ' is-current' : ''}${dropTarget && dragFolderId === folderId ? ' is-drop-target' : ''}`}
              style={{ paddingInlineStart: `${(level - 1) * 14 + 6}px` }}
              {...(dropTarget ? { 'data-drop-folder': folderId, 'data-drop-key': node.key } : {})}
              onFocus={() => setFocusKey(node.key)}
              onClick={() => { setFocusKey(node.key); void openNode(node.key); }}>
              <span className="tree__twisty" aria-hidden="true" onClick={(e) => { e.stopPropagation(); if (!leaf) void toggleNode(node.key); }}>
                {leaf ? null : node.expanded ? <ExpandedIcon size={14} /> : <CollapsedIcon size={14} />}
              </span>
              <Icon size={15} aria-hidden="true" className="tree__icon" />
              <span className="tree__label">{node.label}</span>
              {loading ? <SpinnerIcon size={13} className="spin muted" aria-label="Loading" /> : null}
              {node.error ? <WarningIcon size={13} className="danger" aria-label={node.error} /> : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
