// How an asset reads at a glance: an icon and a short type name from its media type.
import { Glyph, type GlyphName } from '../../components/glyph';
import type { Asset } from '../../../shared/ipc/schemas';

export type AssetKind = 'Folder' | 'Versions' | 'Video' | 'Audio' | 'Image' | 'Document' | 'File';

export function assetKind(asset: Asset): AssetKind {
  if (asset.type === 'folder') return 'Folder';
  if (asset.type === 'version_stack') return 'Versions';
  const media = asset.mediaType ?? '';
  if (media.startsWith('video/')) return 'Video';
  if (media.startsWith('audio/')) return 'Audio';
  if (media.startsWith('image/')) return 'Image';
  if (media.startsWith('text/') || media === 'application/pdf') return 'Document';
  return 'File';
}

/** The kind's icon: one masked element, not an SVG tree (the grid makes a row per item scrolled past). */
export function AssetIcon({ asset }: { asset: Asset }) {
  const kind = assetKind(asset);
  return <Glyph name={kind.toLowerCase() as GlyphName} className={`asset-icon asset-icon--${kind.toLowerCase()}`} />;
}
