// The right pane: the open folder's contents as a sortable, virtualised grid (a 10,000-item folder renders only the
// rows on screen). Enter opens a folder, Backspace goes up; folder rows take drops into them, file rows take a drop
// as a new version.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { AddFolderIcon, SortAscIcon, SortDescIcon, SpinnerIcon, UploadIcon, WarningIcon } from '../../components/icons';
import { currentFolderId, destinationLabel, type SortColumn } from '../../store/browse-slice';
import { useApp } from '../../store/context';
import { GRID_ROW_HEIGHT_PX, GridRow } from './grid-row';
import { useRowSlots } from './row-slots';
import { useSkimming } from './use-skimming';
import type { Asset } from '../../../shared/ipc/schemas';
import { sortAssets } from './sort-assets';
import { usePickAndUpload } from '../drop/use-pick-and-upload';

const COLUMNS: Array<{ id: SortColumn | 'state'; label: string }> = [
  { id: 'name', label: 'Name' },
  { id: 'type', label: 'Type' },
  { id: 'size', label: 'Size' },
  { id: 'createdAt', label: 'Uploaded' },
  { id: 'state', label: 'State' },
];

export function ContentsTable() {
  const currentKey = useApp((s) => s.currentKey);
  const folderId = useApp(currentFolderId);
  const contents = useApp((s) => (folderId ? s.folders[folderId] : undefined));
  const sort = useApp((s) => s.sort);
  const setSort = useApp((s) => s.setSort);
  const openFolderItem = useApp((s) => s.openFolderItem);
  const goUp = useApp((s) => s.goUp);
  const destination = useApp((s) => destinationLabel(s.nodes, s.currentKey));
  const dragTarget = useApp((s) => s.dragTarget);
  const pick = usePickAndUpload();
  const items = useMemo(() => sortAssets(contents?.items ?? [], sort.column, sort.descending), [contents?.items, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const openItem = useCallback((item: Asset) => void openFolderItem(item), [openFolderItem]);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => GRID_ROW_HEIGHT_PX, overscan: 12 });
  const virtualRows = virtualizer.getVirtualItems();
  const slots = useRowSlots(virtualRows.map((v) => v.index));
  const skimming = useSkimming(virtualizer.scrollOffset ?? 0, virtualizer.isScrolling);
  // Opening a folder from the keyboard moves focus into the new folder (its first row, or the empty list), so
  // arrows, Enter and Backspace keep working; the row that had focus is gone.
  const focusAfterOpen = useRef(false);
  useEffect(() => setActive(0), [folderId]);
  useEffect(() => {
    if (!focusAfterOpen.current || contents?.loading !== false) return;
    focusAfterOpen.current = false;
    (scroller.current?.querySelector<HTMLElement>('[data-index="0"]') ?? scroller.current)?.focus();
  }, [folderId, contents?.loading, items.length]);

  if (!currentKey || !folderId) return <section className="contents contents--empty" aria-label="Folder contents"><p className="muted">Choose a project on the left.</p></section>;

  const move = (to: number) => {
    const index = Math.max(0, Math.min(items.length - 1, to));
    setActive(index);
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / GRID_ROW_HEIGHT_PX) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => {
        const item = items[active];
        if (item?.type !== 'folder') return;
        focusAfterOpen.current = true;
        void openFolderItem(item);
      },
      Backspace: () => {
        focusAfterOpen.current = true;
        void goUp();
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const total = contents?.total ?? items.length;
  return (
    <section className="contents" aria-label={`Contents of ${destination}`}>
      <div role="grid" aria-label={`Contents of ${destination}`} aria-rowcount={items.length + 1} aria-colcount={COLUMNS.length} className="grid" onKeyDown={onKeyDown}>
        <div role="row" className="grid__row grid__row--head" aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <div role="columnheader" key={column.id} className={`grid__cell grid__cell--${column.id}`}
              aria-sort={sort.column === column.id ? (sort.descending ? 'descending' : 'ascending') : undefined}>
              {column.id === 'state' ? column.label : (
                <button type="button" className="grid__sort" onClick={() => setSort(column.id as SortColumn)}>
                  {column.label}
                  {sort.column === column.id ? (sort.descending ? <SortDescIcon size={12} aria-hidden="true" /> : <SortAscIcon size={12} aria-hidden="true" />) : null}
                </button>
              )}
            </div>
          ))}
        </div>
        <div className="grid__body" role="rowgroup" ref={scroller} tabIndex={-1} data-testid="contents-scroller">
          {items.length === 0 && !contents?.loading ? (
            <div className="empty-state">
              <UploadIcon size={36} aria-hidden="true" className="muted" />
              <p>Drop files here to upload to <strong>{destination}</strong></p>
              <div className="empty-state__actions">
                <Button variant="primary" icon={<UploadIcon size={16} aria-hidden="true" />} onClick={() => void pick('files')}>Add files…</Button>
                <Button icon={<AddFolderIcon size={16} aria-hidden="true" />} onClick={() => void pick('folder')}>Add folder…</Button>
              </div>
            </div>
          ) : (
            <div role="presentation" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
              {virtualRows.map((v) => {
                const item = items[v.index]!;
                const targeted = !!dragTarget && (item.type === 'folder' ? !dragTarget.versionOf && dragTarget.folderId === item.id : dragTarget.versionOf?.assetId === item.id);
                return <GridRow key={`slot:${slots.get(v.index)}`} item={item} index={v.index} start={v.start} active={v.index === active} targeted={targeted} light={skimming} onActivate={setActive} onOpen={openItem} />;
              })}
            </div>
          )}
        </div>
        <div className="grid__footer muted" aria-live="off">
          {contents?.loading ? <><SpinnerIcon size={12} className="spin" aria-hidden="true" /> Loading {items.length.toLocaleString()} of {total.toLocaleString()}…</> : `${total.toLocaleString()} ${total === 1 ? 'item' : 'items'}`}
          {contents?.error ? <span className="danger"><WarningIcon size={12} aria-hidden="true" /> {contents.error}</span> : null}
        </div>
      </div>
    </section>
  );
}
