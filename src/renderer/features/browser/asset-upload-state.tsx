// The State column of a file: done, still being uploaded by this queue (with its percentage), or incomplete.
import { Glyph } from '../../components/glyph';
import { formatPercent } from '../../format';
import { useApp } from '../../store/context';
import type { Asset } from '../../../shared/ipc/schemas';

export function AssetUploadState({ asset }: { asset: Asset }) {
  const row = useApp((s) => {
    if (asset.type === 'folder' || asset.uploadComplete) return null;
    for (const id of s.order) if (s.rows[id]?.assetId === asset.id) return s.rows[id];
    return null;
  });
  if (asset.type === 'folder') return null;
  if (asset.uploadComplete) return <span className="state state--done"><Glyph name="done" size={14} /> Uploaded</span>;
  if (row) return <span className="state state--active">Uploading {formatPercent(row.acknowledgedBytes, row.size)} %</span>;
  return <span className="state state--warning"><Glyph name="warning" size={14} /> Incomplete</span>;
}
