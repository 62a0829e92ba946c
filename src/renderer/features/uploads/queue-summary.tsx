// The queue's one-line total: "12 files · 41.3 of 96.0 GB · 212 MB/s · 4 min left", plus a batch-level bar.
import { ProgressBar } from '../../components/progress-bar';
import { formatBytes, formatEta, formatSpeed, plural } from '../../format';
import { useApp } from '../../store/context';
import { queueTotals } from '../../store/uploads-slice';
import { useSmoothed } from './use-smoothed';

export function QueueSummary() {
  const rows = useApp((s) => s.rows);
  const order = useApp((s) => s.order);
  const totals = queueTotals(rows, order);
  const speed = useSmoothed(totals.bytesPerSecond);
  if (totals.files === 0) return <span className="queue__summary muted">No uploads</span>;
  const eta = totals.inProgress > 0 && speed > 0 ? formatEta((totals.bytes - totals.sentBytes) / speed) : '';
  return (
    <div className="queue__summary" data-testid="queue-summary">
      {totals.inProgress > 0 ? <ProgressBar done={totals.sentBytes} total={totals.bytes} label="All uploads" valueText={`${formatBytes(totals.sentBytes)} of ${formatBytes(totals.bytes)}${eta ? `, ${eta}` : ''}`} /> : null}
      <span className="num">
        {plural(totals.files, 'file')} · {formatBytes(totals.sentBytes)} of {formatBytes(totals.bytes)}
        {totals.inProgress > 0 && speed > 0 ? ` · ${formatSpeed(speed)}` : ''}
        {eta ? ` · ${eta}` : ''}
        {totals.unsuccessful > 0 ? <span className="danger"> · {totals.unsuccessful} failed</span> : null}
        {totals.inProgress === 0 && totals.unsuccessful === 0 ? <span className="success"> · all done</span> : null}
      </span>
    </div>
  );
}
