// One file in the queue. It subscribes to its own row only, so the other 999 do not re-render on its progress.
import { memo, useState } from 'react';
import { IconButton } from '../../components/button';
import { CancelIcon, DoneIcon, PauseIcon, ResumeIcon, RetryIcon, WarningIcon } from '../../components/icons';
import { destinationWords } from '../../components/destination-words';
import { ProgressBar } from '../../components/progress-bar';
import { formatBytes, formatEta, formatPercent, formatSpeed } from '../../format';
import { IN_PROGRESS_STATUSES, MOVING_STATUSES, UNSUCCESSFUL_STATUSES } from '../../../shared/upload-status';
import { useApp } from '../../store/context';
import { progressLegend, sendingOf, sendingWords } from './progress-words';
import { rowStatus } from './row-status';

export const UploadRowView = memo(function UploadRowView({ id, index }: { id: number; index: number }) {
  const row = useApp((s) => s.rows[id]);
  const selected = useApp((s) => s.selectedUploadId === id);
  const select = useApp((s) => s.selectUpload);
  const control = useApp((s) => s.control);
  const [details, setDetails] = useState(false);
  if (!row) return null;
  const status = rowStatus(row);
  const inProgress = IN_PROGRESS_STATUSES.has(row.status);
  const transferring = row.status === 'uploading' || row.status === 'confirming';
  // One number (decisions/0024): what storage acknowledged — a paused or interrupted row keeps it, a re-sent part
  // does not lower it; the bytes on the wire beyond it are the bar's lighter, labelled "sending" part.
  const acknowledged = row.status === 'completed' ? row.size : Math.min(row.acknowledgedBytes, row.size);
  const sending = sendingOf(acknowledged, row.sentBytes, row.size, row.status === 'uploading');
  const percent = formatPercent(acknowledged, row.size);
  const eta = transferring ? formatEta(row.etaSeconds) : '';
  return (
    <div role="row" aria-rowindex={index + 1} aria-selected={selected} tabIndex={selected ? 0 : -1} data-upload-id={id} data-status={row.status}
      className={`queue-row queue-row--${status.tone}${selected ? ' is-selected' : ''}`} onClick={() => select(id)} onFocus={() => select(id)}>
      <div role="gridcell" className="queue-row__name">
        {row.status === 'completed' ? <DoneIcon size={14} aria-hidden="true" className="success" /> : row.status === 'failed' ? <WarningIcon size={14} aria-hidden="true" className="danger" /> : null}
        <span className="truncate" title={row.name}>{row.name}</span>
        <span className="queue-row__dest truncate muted" title={destinationWords(row.destination)}>→ {destinationWords(row.destination)}</span>
      </div>
      <div role="gridcell" className="queue-row__progress">
        {inProgress || row.status === 'completed' ? (
          <ProgressBar done={acknowledged} inFlight={acknowledged + sending} total={row.size} legend={progressLegend(acknowledged, row.size, sending)}
            label={`${row.name} progress`} valueText={`${percent} %${sendingWords(sending)}${eta ? `, ${eta}` : ''}`}
            tone={row.status === 'completed' ? 'success' : row.status === 'offline' || row.retries > 0 ? 'warning' : 'accent'} />
        ) : null}
        <span className={`queue-row__status tone-${status.tone}`}>
          <span>{status.text}</span>
          {sending > 0 ? <> · <span className="progress__legend muted"><span className="progress__swatch" aria-hidden="true" />{formatBytes(sending)} sending</span></> : null}
        </span>
        {row.status === 'failed' && row.error ? (
          <button type="button" className="link-button" aria-expanded={details} onClick={(e) => { e.stopPropagation(); setDetails(!details); }}>Details</button>
        ) : null}
        {details && row.error ? <pre className="queue-row__details">{row.error}</pre> : null}
      </div>
      <div role="gridcell" className="queue-row__numbers num">
        {inProgress || row.status === 'completed' ? <span>{percent} %</span> : null}
        <span className="muted">{inProgress ? `${formatBytes(acknowledged)} of ${formatBytes(row.size)}` : formatBytes(row.size)}</span>
        {transferring ? <span>{formatSpeed(row.bytesPerSecond)}</span> : null}
        {eta ? <span className="muted">{eta}</span> : null}
      </div>
      <div role="gridcell" className="queue-row__actions">
        {row.status === 'paused' ? <IconButton label={`Resume ${row.name}`} icon={<ResumeIcon size={15} />} onClick={() => void control('resume', [id])} /> : null}
        {MOVING_STATUSES.has(row.status) ? <IconButton label={`Pause ${row.name}`} icon={<PauseIcon size={15} />} onClick={() => void control('pause', [id])} /> : null}
        {UNSUCCESSFUL_STATUSES.has(row.status) ? <IconButton label={`Retry ${row.name}`} icon={<RetryIcon size={15} />} onClick={() => void control('retry', [id])} /> : null}
        {inProgress ? <IconButton label={`Cancel ${row.name}`} icon={<CancelIcon size={15} />} onClick={() => void control('cancel', [id])} /> : null}
      </div>
    </div>
  );
});
