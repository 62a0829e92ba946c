import type { AssetRecord, AssetType } from './types.js';

/** Display order inside a parent: seq, versions of a stack by version number (ties keep insertion order). */
export const childOrder = (a: AssetRecord, b: AssetRecord): number => (a.versionNumber ?? a.seq) - (b.versionNumber ?? b.seq) || a.seq - b.seq;

const NONE: readonly AssetRecord[] = Object.freeze([]);

/** The children of one parent in display order: all of them, and each type's own list (kept as they come and go). */
class ChildList {
  readonly byType = new Map<AssetType, AssetRecord[]>();

  constructor(readonly all: AssetRecord[] = []) {
    for (const a of all) this.typed(a.type).push(a);
  }

  add(asset: AssetRecord): void {
    insertSorted(this.all, asset);
    insertSorted(this.typed(asset.type), asset);
  }

  remove(asset: AssetRecord): void {
    removeSorted(this.all, asset);
    const typed = this.byType.get(asset.type);
    if (!typed) return;
    removeSorted(typed, asset);
    if (typed.length === 0) this.byType.delete(asset.type);
  }

  ofType(type: AssetType): readonly AssetRecord[] {
    return this.byType.get(type) ?? NONE;
  }

  private typed(type: AssetType): AssetRecord[] {
    let list = this.byType.get(type);
    if (!list) {
      list = [];
      this.byType.set(type, list);
    }
    return list;
  }
}

/** After every element that sorts before or with `asset` (an appended asset, the usual case, costs O(1)). */
function insertSorted(list: AssetRecord[], asset: AssetRecord): void {
  const last = list.at(-1);
  if (!last || childOrder(last, asset) <= 0) {
    list.push(asset);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (childOrder(list[mid] as AssetRecord, asset) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, asset);
}

function removeSorted(list: AssetRecord[], asset: AssetRecord): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (childOrder(list[mid] as AssetRecord, asset) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && childOrder(list[i] as AssetRecord, asset) === 0; i++) {
    if (list[i] === asset) {
      list.splice(i, 1);
      return;
    }
  }
  // Not where its order says (it cannot happen while keys change only through Store.setParent): look everywhere.
  const at = list.indexOf(asset);
  if (at !== -1) list.splice(at, 1);
}

/**
 * Parent id → its children, kept in display order as they come and go, so a listing costs the page it returns
 * (plus a binary search for the rare out-of-order insert), never a scan or a sort of every asset or every sibling.
 * An asset's ordering keys (seq, versionNumber) must not change while it is indexed: Store.setParent changes
 * versionNumber between taking it out and putting it back.
 */
export class ChildIndex {
  private readonly lists = new Map<string | null, ChildList>();

  /** Parents with at least one child (tests: it follows the assets, not every asset ever made). */
  get size(): number {
    return this.lists.size;
  }

  static build(assets: Iterable<AssetRecord>): ChildIndex {
    const index = new ChildIndex();
    const grouped = new Map<string | null, AssetRecord[]>();
    for (const a of assets) {
      const group = grouped.get(a.parentId);
      if (group) group.push(a);
      else grouped.set(a.parentId, [a]);
    }
    for (const [parentId, group] of grouped) {
      index.lists.set(parentId, new ChildList(group.sort(childOrder)));
    }
    return index;
  }

  add(asset: AssetRecord): void {
    let list = this.lists.get(asset.parentId);
    if (!list) {
      list = new ChildList();
      this.lists.set(asset.parentId, list);
    }
    list.add(asset);
  }

  remove(asset: AssetRecord): void {
    const list = this.lists.get(asset.parentId);
    if (!list) return;
    list.remove(asset);
    if (list.all.length === 0) this.lists.delete(asset.parentId);
  }

  /** Forgets a removed parent's list, should it still have one. */
  dropParent(parentId: string): void {
    this.lists.delete(parentId);
  }

  /** Children in display order, all of them or those of one type. Read-only: the index's own array. */
  children(parentId: string, type?: AssetType): readonly AssetRecord[] {
    const list = this.lists.get(parentId);
    if (!list) return NONE;
    return type === undefined ? list.all : list.ofType(type);
  }
}
