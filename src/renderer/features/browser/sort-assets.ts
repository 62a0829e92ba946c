// Folders first, then the chosen column; names compare the way Finder does ("Day 2" before "Day 10").
import type { Asset } from '../../../shared/ipc/schemas';
import type { SortColumn } from '../../store/browse-slice';
import { assetKind } from './asset-kind';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortAssets(items: readonly Asset[], column: SortColumn, descending: boolean): Asset[] {
  const value = (a: Asset): string | number => {
    if (column === 'size') return a.size ?? -1;
    if (column === 'type') return assetKind(a);
    if (column === 'createdAt') return a.createdAt ? Date.parse(a.createdAt) : 0;
    return a.name;
  };
  const direction = descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const folders = Number(b.type === 'folder') - Number(a.type === 'folder');
    if (folders !== 0) return folders;
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return (order || collator.compare(a.name, b.name)) * direction;
  });
}
