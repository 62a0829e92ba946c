// A progress bar screen readers can read: acknowledged bytes fill it, bytes in flight show as a lighter segment.
import { formatPercent } from '../format';

export function ProgressBar({ done, inFlight = done, total, label, valueText, tone = 'accent' }: {
  done: number;
  inFlight?: number;
  total: number;
  label: string;
  valueText?: string;
  tone?: 'accent' | 'warning' | 'danger' | 'success';
}) {
  const percent = formatPercent(done, total);
  const pending = Math.max(0, formatPercent(inFlight, total) - percent);
  return (
    <div className={`progress progress--${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={valueText ?? `${percent} %`}>
      <div className="progress__fill" style={{ width: `${percent}%` }} />
      <div className="progress__inflight" style={{ left: `${percent}%`, width: `${pending}%` }} />
    </div>
  );
}
