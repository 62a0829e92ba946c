// Window-wide conditions, said once at the top: the network is gone (uploads wait and carry on by themselves),
// Frame.io asked us to slow down (with the seconds until requests go again), or uploads paused before the app last
// quit are waiting for the person (interrupted ones continue by themselves at launch; paused ones stay paused).
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button, IconButton } from '../../components/button';
import { CancelIcon, OfflineIcon, SpinnerIcon, WarningIcon } from '../../components/icons';
import { useApp } from '../../store/context';

export function Banners() {
  const online = useApp((s) => s.online);
  const waiting = useApp((s) => s.order.some((id) => s.rows[id]?.status === 'offline'));
  const slowDownUntil = useApp((s) => s.slowDownUntil);
  const secondsLeft = useCountdown(slowDownUntil);
  const warnings = useApp((s) => s.warnings);
  const dismiss = useApp((s) => s.dismissWarning);
  return (
    <>
      <PausedFromLastTime />
      {warnings.map((message) => (
        <div key={message} className="banner banner--warning" role="alert">
          <WarningIcon size={16} aria-hidden="true" /> <span className="banner__text">{message}</span>
          <IconButton label="Dismiss" icon={<CancelIcon size={14} />} onClick={() => dismiss(message)} />
        </div>
      ))}
      {!online || waiting ? (
        <div className="banner banner--warning" role="status">
          <OfflineIcon size={16} aria-hidden="true" /> Network lost — waiting to reconnect. Uploads carry on by themselves; nothing is lost.
        </div>
      ) : null}
      {secondsLeft > 0 ? (
        <div className="banner banner--warning" role="status">
          <SpinnerIcon size={16} aria-hidden="true" className="spin" /> Frame.io asked us to slow down — resuming in {secondsLeft} s
        </div>
      ) : null}
    </>
  );
}

/** Whole seconds until `until`, ticking once a second, 0 when past. */
function useCountdown(until: number | null): number {
  const left = () => (until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (until === null) return;
    const timer = setInterval(() => {
      const next = left();
      setSeconds(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}

/** Rows paused in batches this window did not start: journaled by an earlier run and resumed at launch with their
 * pauses kept (decision 0008). One button resumes them all; dismissing leaves them paused in the queue. */
function PausedFromLastTime() {
  const ids = useApp(useShallow((s) => s.order.filter((id) => { const r = s.rows[id]; return r !== undefined && r.status === 'paused' && !(r.batchId in s.batchFolders); })));
  const control = useApp((s) => s.control);
  const [dismissed, setDismissed] = useState(false);
  if (ids.length === 0 || dismissed) return null;
  return (
    <div className="banner banner--warning" role="status">
      <span className="banner__text">{ids.length === 1 ? '1 upload' : `${ids.length.toLocaleString()} uploads`} from last time {ids.length === 1 ? 'is' : 'are'} paused.</span>
      <Button onClick={() => void control('resume', ids)}>Resume all</Button>
      <IconButton label="Dismiss" icon={<CancelIcon size={14} />} onClick={() => setDismissed(true)} />
    </div>
  );
}
