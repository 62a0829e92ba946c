// The queue drawer: batch totals, filters, bulk actions, and one virtualised row per file. Its list is as tall as its
// rows up to a height the person sets with the splitter above it (kept between launches); empty, it is one line.
// Keyboard: arrows, Page Up/Down, Home and End move; Space pauses or resumes the selected upload, Delete cancels it,
// R retries it. "Show first failed" brings the first failure into view wherever it is in the list.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { CollapseIcon, ExpandedIcon, PauseIcon, ResumeIcon, RetryIcon, WarningIcon } from '../../components/icons';
import { ResizeHandle } from '../../components/resize-handle';
import { useStoredSize } from '../../components/use-stored-size';
import { useApp, useAppStore } from '../../store/context';
import { IN_PROGRESS_STATUSES, UNSUCCESSFUL_STATUSES } from '../../../shared/upload-status';
import { countMoving, matchesFilter, type QueueFilter } from '../../store/uploads-slice';
import { QueueSummary } from './queue-summary';
import { UploadRowView } from './upload-row';

const ROW_HEIGHT_PX = 52;
/** The list's height bounds: at least two rows; at most most of the window, so the browser above keeps a strip. */
const LIST_MIN_PX = 2 * ROW_HEIGHT_PX;
const LIST_DEFAULT_PX = 5 * ROW_HEIGHT_PX;
const listMaxPx = () => Math.max(LIST_MIN_PX, Math.round(window.innerHeight * 0.7) - 120);
export const QUEUE_HEIGHT_KEY = 'ferry.queue.listHeightPx';
const FILTERS: Array<{ id: QueueFilter; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'active', label: 'Active' },
  { id: 'failed', label: 'Failed' },
  { id: 'done', label: 'Done' },
];

/** The ids shown under a filter; the list re-computes only when membership can change (statuses), not on bytes. */
function useVisibleIds(): number[] {
  const filter = useApp((s) => s.filter);
  const order = useApp((s) => s.order);
  const statusKey = useApp((s) => (filter === 'all' ? '' : s.order.map((id) => s.rows[id]?.status ?? '').join(',')));
  const store = useAppStore();
  // Rows change on every tick; statusKey says when membership can change, so read the rows only then.
  return useMemo(() => {
    const { rows } = store.getState();
    return filter === 'all' ? order : order.filter((id) => { const r = rows[id]; return r !== undefined && matchesFilter(r, filter); });
  }, [store, filter, order, statusKey]);
}

export function QueuePanel() {
  const open = useApp((s) => s.queueOpen);
  const setOpen = useApp((s) => s.setQueueOpen);
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const selected = useApp((s) => s.selectedUploadId);
  const select = useApp((s) => s.selectUpload);
  const control = useApp((s) => s.control);
  const retryFailed = useApp((s) => s.retryFailed);
  const clearFinished = useApp((s) => s.clearFinished);
  const anyMoving = useApp((s) => countMoving(s.rows, s.order) > 0);
  const anyPaused = useApp((s) => s.order.some((id) => s.rows[id]?.status === 'paused'));
  const anyFailed = useApp((s) => s.order.some((id) => s.rows[id]?.status === 'failed'));
  const count = useApp((s) => s.order.length);
  const store = useAppStore();
  const ids = useVisibleIds();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT_PX, overscan: 8 });
  const bounds = { min: LIST_MIN_PX, max: listMaxPx() };
  const [listHeight, setListHeight] = useStoredSize(QUEUE_HEIGHT_KEY, LIST_DEFAULT_PX, bounds);

  // Bringing a row into view and focus: once it is among the shown ids (a filter may have to change first), scroll
  // to it, then focus it when the virtualiser has rendered it.
  const [reveal, setReveal] = useState<number | null>(null);
  useEffect(() => {
    if (reveal === null) return;
    const index = ids.indexOf(reveal);
    if (index < 0) return;
    setReveal(null);
    select(reveal);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-upload-id="${reveal}"]`)?.focus());
  }, [reveal, ids, select, virtualizer]);
  const showFirstFailed = () => {
    const { rows, order } = store.getState();
    const first = order.find((id) => rows[id]?.status === 'failed');
    if (first === undefined) return;
    if (!ids.includes(first)) setFilter('failed');
    setReveal(first);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = selected === null ? -1 : ids.indexOf(selected);
    const focusAt = (i: number) => {
      const id = ids[Math.max(0, Math.min(ids.length - 1, i))];
      if (id !== undefined) setReveal(id);
    };
    const row = selected !== null ? store.getState().rows[selected] : undefined;
    const page = Math.max(1, Math.floor(listHeight / ROW_HEIGHT_PX) - 1);
    const actions: Record<string, () => void> = {
      ArrowDown: () => focusAt(index + 1),
      ArrowUp: () => focusAt(index - 1),
      PageDown: () => focusAt(index + page),
      PageUp: () => focusAt(Math.max(0, index - page)),
      Home: () => focusAt(0),
      End: () => focusAt(ids.length - 1),
      ' ': () => { if (row && IN_PROGRESS_STATUSES.has(row.status)) void control(row.status === 'paused' ? 'resume' : 'pause', [row.id]); },
      delete: () => { if (row && IN_PROGRESS_STATUSES.has(row.status)) void control('cancel', [row.id]); },
      r: () => { if (row && UNSUCCESSFUL_STATUSES.has(row.status)) void control('retry', [row.id]); },
    };
    // Arrow names keep their case; letters and Delete do not (the Mac's delete key sends Backspace).
    const key = event.key === 'Backspace' ? 'delete' : event.key.length === 1 || event.key === 'Delete' ? event.key.toLowerCase() : event.key;
    const action = actions[key];
    if (action && !(event.target instanceof HTMLButtonElement && event.key === ' ')) {
      event.preventDefault();
      action();
    }
  };

  return (
    <section className={`queue${open ? '' : ' queue--closed'}`} aria-label="Uploads">
      {open ? <ResizeHandle label="Uploads list height" value={listHeight} min={bounds.min} max={bounds.max} step={ROW_HEIGHT_PX / 2} onChange={setListHeight} /> : null}
      <header className="queue__header">
        <button type="button" className="queue__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ExpandedIcon size={16} aria-hidden="true" /> : <CollapseIcon size={16} aria-hidden="true" />}
          <span>Uploads</span>
        </button>
        <QueueSummary />
        <div className="queue__tools">
          <div role="radiogroup" aria-label="Show" className="segmented">
            {FILTERS.map((f) => (
              <button key={f.id} type="button" role="radio" aria-checked={filter === f.id} className={filter === f.id ? 'is-on' : ''} onClick={() => setFilter(f.id)}>{f.label}</button>
            ))}
          </div>
          {anyMoving ? <Button variant="quiet" icon={<PauseIcon size={14} aria-hidden="true" />} onClick={() => void control('pause')}>Pause all</Button> : null}
          {anyPaused ? <Button variant="quiet" icon={<ResumeIcon size={14} aria-hidden="true" />} onClick={() => void control('resume')}>Resume all</Button> : null}
          {anyFailed ? <Button variant="quiet" icon={<WarningIcon size={14} aria-hidden="true" />} aria-label="Show first failed" title="Show the first failed upload" onClick={showFirstFailed}>First failed</Button> : null}
          {anyFailed ? <Button variant="quiet" icon={<RetryIcon size={14} aria-hidden="true" />} onClick={() => void retryFailed()}>Retry failed</Button> : null}
          {count > 0 ? <Button variant="quiet" onClick={clearFinished}>Clear finished</Button> : null}
        </div>
      </header>
      {open ? (
        <div role="grid" aria-label="Upload queue" aria-rowcount={ids.length} className="queue__list" ref={scroller} onKeyDown={onKeyDown} data-testid="queue-scroller"
          tabIndex={selected === null && ids.length > 0 ? 0 : -1} style={ids.length > 0 ? { height: `${Math.min(ids.length * ROW_HEIGHT_PX, listHeight)}px` } : undefined}>
          {ids.length === 0 ? <p className="queue__empty muted">{count === 0 ? 'Nothing uploading. Drop files anywhere in the window.' : 'No uploads match this filter.'}</p> : (
            <div role="presentation" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => (
                <div role="presentation" key={ids[v.index]} className="queue__slot" style={{ transform: `translateY(${v.start}px)`, height: `${ROW_HEIGHT_PX}px` }}>
                  <UploadRowView id={ids[v.index]!} index={v.index} />
                </div>
              ))}
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
