// The queue drawer: batch totals, filters, bulk actions, and one virtualised row per file. Keyboard: arrows move,
// Space pauses or resumes the selected upload, Delete cancels it, R retries it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useMemo, useRef } from 'react';
import { Button } from '../../components/button';
import { CollapseIcon, ExpandedIcon, PauseIcon, ResumeIcon, RetryIcon } from '../../components/icons';
import { useApp, useAppStore } from '../../store/context';
import { IN_PROGRESS_STATUSES, UNSUCCESSFUL_STATUSES } from '../../../shared/upload-status';
import { countMoving, matchesFilter, type QueueFilter } from '../../store/uploads-slice';
import { QueueSummary } from './queue-summary';
import { UploadRowView } from './upload-row';

const ROW_HEIGHT_PX = 52;
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

  const onKeyDown = (event: KeyboardEvent) => {
    const index = selected === null ? -1 : ids.indexOf(selected);
    const focusAt = (i: number) => {
      const id = ids[Math.max(0, Math.min(ids.length - 1, i))];
      if (id === undefined) return;
      select(id);
      virtualizer.scrollToIndex(ids.indexOf(id));
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-upload-id="${id}"]`)?.focus());
    };
    const row = selected !== null ? store.getState().rows[selected] : undefined;
    const actions: Record<string, () => void> = {
      ArrowDown: () => focusAt(index + 1),
      ArrowUp: () => focusAt(index - 1),
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
          {anyFailed ? <Button variant="quiet" icon={<RetryIcon size={14} aria-hidden="true" />} onClick={() => void retryFailed()}>Retry failed</Button> : null}
          {count > 0 ? <Button variant="quiet" onClick={clearFinished}>Clear finished</Button> : null}
        </div>
      </header>
      {open ? (
        <div role="grid" aria-label="Upload queue" aria-rowcount={ids.length} className="queue__list" ref={scroller} onKeyDown={onKeyDown} data-testid="queue-scroller">
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
