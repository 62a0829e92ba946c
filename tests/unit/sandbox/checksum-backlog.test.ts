// Files that complete faster than they are hashed wait in line (issue 14: 100,000 tiny files). Waiting must cost an
// id each, not a promise chain with a closure per file, and close() must still wait for the one being hashed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ChecksumJobs } from '../../../src/sandbox/checksums.js';
import { newAsset } from '../../../src/sandbox/ops/new-asset.js';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';
import type { PartStore } from '../../../src/sandbox/storage/part-store.js';
import { InFlight } from '../../../src/sandbox/util/in-flight.js';
import { xxHash64Hex } from '../../../src/sandbox/util/xxhash64.js';
import { waitFor } from '../../support/wait.js';

const FILES = 5000;

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Parts of one byte each, handed out only once the gate opens: the hashing falls behind on purpose. */
function gatedParts(): { parts: PartStore; open: () => void; reads: () => number } {
  let opened = false;
  let reads = 0;
  const waiters: Array<() => void> = [];
  const parts: PartStore = {
    endpoint: '',
    bucket: 'b',
    partSizes: () => Promise.resolve(new Map([[1, 1]])),
    readPart: async () => {
      if (!opened) await new Promise<void>((resolve) => waiters.push(resolve));
      reads += 1;
      return Readable.from([Buffer.from('x')]);
    },
    putPartFromFile: () => Promise.resolve(),
    deleteParts: () => Promise.resolve(),
  };
  return {
    parts,
    open: () => {
      opened = true;
      for (const w of waiters.splice(0)) w();
    },
    reads: () => reads,
  };
}

describe('checksum jobs with a backlog', () => {
  it(`${FILES} completed files waiting to be hashed: one tracked job, each file hashed once`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-checksum-backlog-'));
    const store = Store.create(dir, seedState(undefined).state);
    const root = store.asset(store.state.projects[0]?.rootAssetId ?? '');
    if (!root) throw new Error('no root');
    const { parts, open, reads } = gatedParts();
    const inFlight = new InFlight();
    const jobs = new ChecksumJobs({ store, parts, inFlight, shutdown: new AbortController(), log: () => undefined });
    const done = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = newAsset(store, root, { name: `f${i}`, type: 'file', filesize: 1, partCount: 1, uploadCompletedAt: done });
      store.addAsset(file);
      ids.push(file.id);
      jobs.schedule(file.id);
      jobs.schedule(file.id); // twice: queued once
    }
    expect(jobs.pending).toBe(FILES);
    // What close() waits for: the queue's one worker, not a promise per waiting file.
    expect(inFlight.size).toBeLessThanOrEqual(1);
    open();
    await waitFor(() => jobs.pending === 0, 'every queued file hashed');
    expect(reads()).toBe(FILES);
    const hash = await xxHash64Hex(Readable.from([Buffer.from('x')]));
    expect(ids.every((id) => store.asset(id)?.xxHash === hash)).toBe(true);
    expect(await inFlight.idle(5_000)).toBe(true);
    store.close();
  });
});
