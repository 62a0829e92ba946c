// The store's child index keeps each parent's children in display order as assets come, go and move (issue 14: no
// sort of every sibling per listing). Checked against the definition it replaced: the parent's children, in the
// order they were added, stably sorted by (versionNumber ?? seq, seq), after every step of a seeded random run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendVersion, makeStack, moveToFolder } from '../../../src/sandbox/ops/stacks.js';
import { newAsset } from '../../../src/sandbox/ops/new-asset.js';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';
import type { AssetRecord, AssetType } from '../../../src/sandbox/state/types.js';
import { createPrng } from '../../../src/sandbox/util/prng.js';

let dir = '';
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function open(): { store: Store; root: AssetRecord } {
  dir = mkdtempSync(join(tmpdir(), 'ferry-child-index-'));
  store = Store.create(dir, seedState(undefined).state);
  const root = store.asset(store.state.projects[0]?.rootAssetId ?? '');
  if (!root) throw new Error('no root');
  return { store, root };
}

/** The order as the store defined it before the index: every asset of the parent, insertion order, stable sort. */
function expected(s: Store, parentId: string, type?: AssetType): string[] {
  return Object.values(s.state.assets)
    .filter((a) => a.parentId === parentId && (type === undefined || a.type === type))
    .sort((a, b) => (a.versionNumber ?? a.seq) - (b.versionNumber ?? b.seq) || a.seq - b.seq)
    .map((a) => a.id);
}

describe('the child index', () => {
  it('matches a full sort after every add, delete, move and version change of a random run', () => {
    const { store: s, root } = open();
    const random = createPrng(14);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const folders: AssetRecord[] = [root];
    for (let step = 0; step < 800; step++) {
      const folder = pick(folders) ?? root;
      const r = random();
      const files = s.children(folder.id, 'file');
      if (r < 0.45) {
        const type = random() < 0.2 ? 'folder' : 'file';
        const a = newAsset(s, folder, { name: `n${step}`, type });
        // Now and then an asset that sorts before its siblings (a stack takes the seq of the file it replaces).
        if (random() < 0.1) a.seq = Math.floor(random() * a.seq);
        s.addAsset(a);
        if (type === 'folder') folders.push(a);
      } else if (r < 0.6 && files.length >= 2) {
        makeStack(s, [files[0], files[1]].filter((f): f is AssetRecord => f !== undefined));
      } else if (r < 0.7) {
        const stack = pick(s.children(folder.id, 'version_stack'));
        const file = pick(files);
        if (stack && file) appendVersion(s, stack, file);
      } else if (r < 0.8) {
        const stack = pick(s.children(folder.id, 'version_stack'));
        const version = stack ? pick(s.children(stack.id)) : undefined;
        const target = pick(folders);
        if (version && target) moveToFolder(s, version, target);
      } else {
        const victim = pick(files);
        if (victim) s.removeAsset(victim.id);
      }
      for (const f of [folder, ...s.children(folder.id, 'version_stack')]) {
        expect(s.children(f.id).map((a) => a.id)).toEqual(expected(s, f.id));
        for (const type of ['file', 'folder', 'version_stack'] as const) expect(s.children(f.id, type).map((a) => a.id)).toEqual(expected(s, f.id, type));
      }
    }
    for (const f of folders) expect(s.children(f.id).map((a) => a.id)).toEqual(expected(s, f.id));
  }, 30_000);

  it('holds a new asset once when its first use is that asset being added (the index is built then)', () => {
    const { store: s, root } = open();
    const a = newAsset(s, root, { name: 'first', type: 'folder' });
    s.addAsset(a);
    s.removeAsset(a.id);
    expect(s.children(root.id).map((c) => c.id)).not.toContain(a.id);
  });

  it('a store loaded from state.json lists the same children in the same order', () => {
    const { store: s, root } = open();
    for (let i = 0; i < 50; i++) s.addAsset(newAsset(s, root, { name: `f${i}`, type: i % 5 ? 'file' : 'folder' }));
    const files = s.children(root.id, 'file');
    makeStack(s, [files[3], files[7]].filter((f): f is AssetRecord => f !== undefined));
    const before = s.children(root.id).map((a) => a.id);
    s.close();
    store = Store.load(dir);
    expect(store?.children(root.id).map((a) => a.id)).toEqual(before);
  });
});
