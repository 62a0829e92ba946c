// A progress bar screen readers can read: acknowledged bytes fill it; bytes on the wire, not yet confirmed, show as a
// lighter "sending" segment after them, named by `legend` (a tooltip, and part of the spoken value).
import { formatPercent } from '../format';

export function ProgressBar({ done, inFlight = done, total, label, valueText, legend, tone = 'accent' }: {
  done: number;
  /** Where the sending segment ends (acknowledged + on the wire). */
  inFlight?: number;
  total: number;
  label: string;
  valueText?: string;
  /** What the two parts mean, e.g. "113 MB of 315 MB uploaded (confirmed by Frame.io) · 42 MB sending". */
  legend?: string;
  tone?: 'accent' | 'warning' | 'danger' | 'success';
}) {
  const percent = formatPercent(done, total);
  const pending = Math.max(0, formatPercent(inFlight, total) - percent);
  return (
    <div className={`progress progress--${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={valueText ?? `${percent} %`} title={legend}>
      <div className="progress__fill" style={{ width: `${percent}%` }} />
      <div className="progress__inflight" style={{ left: `${percent}%`, width: `${pending}%` }} />
    </div>
  );
}
