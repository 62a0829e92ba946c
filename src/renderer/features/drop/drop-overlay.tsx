// While files are dragged over the window: one overlay that names exactly where they will land.
import { UploadIcon, VersionIcon } from '../../components/icons';
import { useApp } from '../../store/context';

export function DropOverlay() {
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
