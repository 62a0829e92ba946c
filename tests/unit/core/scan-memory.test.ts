// The scan of a big drop is held for the whole upload (issue 14): each entry must stay small. Its folder is shared and
// its path made when asked for, not kept as a string per file. Measured on the live heap after full GCs.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPaths } from '../../../src/core/upload/scan';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const FOLDERS = 50;
const PER_FOLDER = 100;
let root = '';

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ferry-scan-memory-'));
  for (let d = 0; d < FOLDERS; d++) {
    const dir = path.join(root, 'Card', `clip-folder-${String(d).padStart(3, '0')}`);
    await mkdir(dir, { recursive: true });
    await Promise.all(Array.from({ length: PER_FOLDER }, (_, f) => writeFile(path.join(dir, `A001C${String(f).padStart(3, '0')}.mov`), 'x')));
  }
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const liveHeap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('scan entries', () => {
  it('read like plain entries: path, remote folder, name, size, time', async () => {
    const scan = await scanPaths([path.join(root, 'Card')]);
    const file = scan.files[PER_FOLDER + 3];
    expect(file && { path: file.path, remoteDir: file.remoteDir, name: file.name, size: file.size }).toEqual({
      path: path.join(root, 'Card', 'clip-folder-001', 'A001C003.mov'),
      remoteDir: 'Card/clip-folder-001',
      name: 'A001C003.mov',
      size: 1,
    });
    expect(file?.mtimeMs).toBeGreaterThan(0);
  });

  it('cost well under 150 bytes of live heap each (a path string per file made them ~190)', async () => {
    const before = liveHeap();
    const scan = await scanPaths([path.join(root, 'Card')]);
    const perFile = (liveHeap() - before) / scan.files.length;
    expect(scan.files).toHaveLength(FOLDERS * PER_FOLDER);
    expect(perFile).toBeLessThan(150);
  });
});
