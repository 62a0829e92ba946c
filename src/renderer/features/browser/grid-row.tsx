// One row of the contents grid. Memoised on stable props: while the grid scrolls, only rows coming into view render
// (measured: script time per frame 3.5 → 2.2 ms at wheel speed, bench/ui). `light` (while the grid is skimmed) keeps
// the cells but fills only the name: the rest waits until the scroll settles.
import { memo } from 'react';
import { formatBytes, formatDate } from '../../format';
import type { Asset } from '../../../shared/ipc/schemas';
import { AssetIcon, assetKind } from './asset-kind';
import { AssetUploadState } from './asset-upload-state';

export const GRID_ROW_HEIGHT_PX = 36;

export const GridRow = memo(function GridRow({ item, index, start, active, targeted, light = false, onActivate, onOpen }: {
  item: Asset;
  index: number;
  start: number;
  active: boolean;
  targeted: boolean;
  light?: boolean;
  onActivate: (index: number) => void;
  onOpen: (item: Asset) => void;
}) {
  const folder = item.type === 'folder';
  return (
    <div role="row" data-index={index} aria-rowindex={index + 2} aria-selected={active} tabIndex={active ? 0 : -1}
      className={`grid__row${active ? ' is-active' : ''}${targeted ? ' is-drop-target' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: `${GRID_ROW_HEIGHT_PX}px` }}
      {...(folder ? { 'data-drop-folder': item.id, 'data-drop-label': item.name } : { 'data-drop-version': item.id, 'data-drop-label': item.name })}
      onClick={() => onActivate(index)} onDoubleClick={() => onOpen(item)}>
      <div role="gridcell" className="grid__cell grid__cell--name"><AssetIcon asset={item} /><span className="truncate" title={item.name}>{item.name}</span></div>
      <div role="gridcell" className="grid__cell grid__cell--type">{light ? null : assetKind(item)}</div>
      <div role="gridcell" className="grid__cell grid__cell--size num">{light ? null : folder ? (item.itemCount !== null ? `${item.itemCount.toLocaleString()} items` : '') : formatBytes(item.size ?? 0)}</div>
      <div role="gridcell" className="grid__cell grid__cell--createdAt">{light ? null : formatDate(item.createdAt)}</div>
      <div role="gridcell" className="grid__cell grid__cell--state">{light ? null : <AssetUploadState asset={item} />}</div>
    </div>
  );
});
