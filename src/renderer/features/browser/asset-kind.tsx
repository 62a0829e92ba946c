// How an asset reads at a glance: an icon and a short type name from its media type.
import { AudioIcon, DocumentIcon, FileIcon, FolderIcon, ImageIcon, VersionIcon, VideoIcon } from '../../components/icons';
import type { Asset } from '../../../shared/ipc/schemas';

export function assetKind(asset: Asset): string {
  if (asset.type === 'folder') return 'Folder';
  if (asset.type === 'version_stack') return 'Versions';
  const media = asset.mediaType ?? '';
  if (media.startsWith('video/')) return 'Video';
  if (media.startsWith('audio/')) return 'Audio';
  if (media.startsWith('image/')) return 'Image';
  if (media.startsWith('text/') || media === 'application/pdf') return 'Document';
  return 'File';
}

export function AssetIcon({ asset }: { asset: Asset }) {
  const kind = assetKind(asset);
  const Icon = { Folder: FolderIcon, Versions: VersionIcon, Video: VideoIcon, Audio: AudioIcon, Image: ImageIcon, Document: DocumentIcon }[kind] ?? FileIcon;
  return <Icon size={16} aria-hidden="true" className={`asset-icon asset-icon--${kind.toLowerCase()}`} />;
}
