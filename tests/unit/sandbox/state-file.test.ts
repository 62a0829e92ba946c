// state.json is written in chunks, never as one string of the whole state (issue 14: at 100,000 assets that string
// was ~60 MB, plus its Buffer, every few seconds), and reads back as the same state.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newAsset } from '../../../src/sandbox/ops/new-asset.js';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { STATE_WRITE_CHUNK_CHARS, writeStateAtomic } from '../../../src/sandbox/state/state-file.js';
import { STATE_FILE, Store } from '../../../src/sandbox/state/store.js';
import { writeJsonAtomic } from '../../../src/sandbox/util/atomic-json.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('state.json', () => {
  it('5,000 assets go out in chunks of about STATE_WRITE_CHUNK_CHARS and read back equal', () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-state-file-'));
    const store = Store.create(dir, seedState(undefined).state);
    const root = store.asset(store.state.projects[0]?.rootAssetId ?? '');
    if (!root) throw new Error('no root');
    // Names that JSON must escape, and a remote import's source.
    for (let i = 0; i < 5000; i++) {
      store.addAsset(newAsset(store, root, { name: `f${i} "quoted" \\ ünïcode\n.bin`, type: 'file', filesize: i, partCount: 1, source: i % 1000 ? null : { url: 'https://example.com/a', status: 'pending', error: null } }));
    }
    const path = join(dir, STATE_FILE);
    const writes = writeStateAtomic(path, store.state);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(4 * STATE_WRITE_CHUNK_CHARS);
    // Each write about a chunk (one asset's line at most past it; ü and ï are two bytes in UTF-8).
    expect(writes).toBeGreaterThanOrEqual(Math.floor(size / (2 * STATE_WRITE_CHUNK_CHARS)));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(store.state)));
    store.close();
    const loaded = Store.load(dir);
    expect(loaded?.state).toEqual(JSON.parse(JSON.stringify(store.state)));
    loaded?.close();
  }, 30_000);

  it('an empty asset map and the rest of the state round-trip too', () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-state-file-'));
    const state = seedState(undefined).state;
    state.assets = {};
    const path = join(dir, STATE_FILE);
    expect(writeStateAtomic(path, state)).toBe(1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('an older state.json (pretty-printed whole, assets over many lines) still loads', () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-state-file-'));
    const state = seedState(undefined).state;
    writeJsonAtomic(join(dir, STATE_FILE), state);
    const loaded = Store.load(dir);
    expect(loaded?.state).toEqual(JSON.parse(JSON.stringify(state)));
    loaded?.close();
  });

  it('a line that is not one asset makes it read the file whole, and it still loads', () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-state-file-'));
    const state = seedState(undefined).state;
    const path = join(dir, STATE_FILE);
    writeStateAtomic(path, state);
    // Split one asset over two lines: valid JSON, not the one-asset-a-line layout.
    const text = readFileSync(path, 'utf8').replace('{"id":', '{\n"id":');
    writeFileSync(path, text);
    const loaded = Store.load(dir);
    expect(loaded?.state).toEqual(JSON.parse(JSON.stringify(state)));
    loaded?.close();
  });
});
