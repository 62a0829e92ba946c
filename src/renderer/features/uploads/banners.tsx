// Window-wide conditions, said once at the top: the network is gone (uploads wait and carry on by themselves), or
// Frame.io asked us to slow down (with the seconds until requests go again).
import { useEffect, useState } from 'react';
import { IconButton } from '../../components/button';
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
