// Window-wide conditions, said once at the top: the network is gone (uploads wait and carry on by themselves).
import { OfflineIcon } from '../../components/icons';
import { useApp } from '../../store/context';

export function Banners() {
  const online = useApp((s) => s.online);
  const waiting = useApp((s) => s.order.some((id) => s.rows[id]?.status === 'offline'));
  if (online && !waiting) return null;
  return (
    <div className="banner banner--warning" role="status">
      <OfflineIcon size={16} aria-hidden="true" /> Network lost — waiting to reconnect. Uploads carry on by themselves; nothing is lost.
    </div>
  );
}
