// The queue's one-line total: "12 files · 41.3 of 96.0 GB uploaded · 212 MB/s · 4 min left", plus a batch-level bar.
// The number is what storage acknowledged, as on every row (decisions/0024); bytes on the wire are the bar's lighter
// "sending" part, named in its tooltip.
import { ProgressBar } from '../../components/progress-bar';
import { formatBytes, formatEta, formatSpeed, plural } from '../../format';
import { useApp } from '../../store/context';
import { queueTotals } from '../../store/uploads-slice';
import { progressLegend, sendingWords } from './progress-words';
import { useSmoothed } from './use-smoothed';

export function QueueSummary() {
  const rows = useApp((s) => s.rows);
  const order = useApp((s) => s.order);
  const totals = queueTotals(rows, order);
  const speed = useSmoothed(totals.bytesPerSecond);
  if (totals.files === 0) return <span className="queue__summary muted">No uploads</span>;
  const done = totals.acknowledgedBytes;
  const eta = totals.inProgress > 0 && speed > 0 ? formatEta((totals.bytes - done) / speed) : '';
  const amount = `${formatBytes(done)} of ${formatBytes(totals.bytes)} uploaded`;
  return (
    <div className="queue__summary" data-testid="queue-summary">
      {totals.inProgress > 0 ? (
        <ProgressBar done={done} inFlight={done + totals.sendingBytes} total={totals.bytes} label="All uploads" legend={progressLegend(done, totals.bytes, totals.sendingBytes)}
          valueText={`${amount}${sendingWords(totals.sendingBytes)}${eta ? `, ${eta}` : ''}`} />
      ) : null}
      <span className="num">
        {plural(totals.files, 'file')} · {amount}
        {totals.inProgress > 0 && speed > 0 ? ` · ${formatSpeed(speed)}` : ''}
        {eta ? ` · ${eta}` : ''}
        {totals.unsuccessful > 0 ? <span className="danger"> · {totals.unsuccessful} failed</span> : null}
        {totals.inProgress === 0 && totals.unsuccessful === 0 ? <span className="success"> · all done</span> : null}
      </span>
    </div>
  );
}
