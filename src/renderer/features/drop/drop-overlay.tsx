// While files are dragged over the window: one overlay that names exactly where they will land. (It also carries the
// browser window's chooser and receiving strip, which belong with the drop and the pick; absent in the desktop app.)
import { UploadIcon, VersionIcon } from '../../components/icons';
import { useApp } from '../../store/context';
import { LocalFilesLayer } from '../local-files/local-files-layer';

export function DropOverlay() {
  return (
    <>
      <DragCard />
      <LocalFilesLayer />
    </>
  );
}

function DragCard() {
  const target = useApp((s) => s.dragTarget);
  if (!target) return null;
  return (
    <div className="drop-overlay" role="status" aria-live="polite">
      <div className="drop-overlay__card">
        {target.versionOf ? <VersionIcon size={28} aria-hidden="true" /> : <UploadIcon size={28} aria-hidden="true" />}
        <p>{target.versionOf ? <>Drop to add a new version of <strong>{target.versionOf.name}</strong></> : <>Drop to upload to <strong>{target.label}</strong></>}</p>
      </div>
    </div>
  );
}
