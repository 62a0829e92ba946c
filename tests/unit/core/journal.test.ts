import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newFileState } from '../../../src/core/upload/engine';
import { type BatchRecord, BatchJournal, Journal, JOURNAL_VERSION, recordOf, stateOf } from '../../../src/core/upload/journal';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const batch = (id: string): BatchRecord => ({
  version: JOURNAL_VERSION,
  id,
  apiUrl: 'http://127.0.0.1:1/v2',
  targetFolderId: 'root',
  onConflict: 'skip',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  folders: {},
  files: [],
});

describe('journal', () => {
  it('round-trips a file state: identity, asset, parts, acknowledged parts and progress', () => {
    const file = newFileState(3, { path: '/x/a.mov', remoteDir: 'Day 1', name: 'a.mov', size: 10, mtimeMs: 123 });
    file.assetId = 'asset-1';
    file.contentType = 'video/quicktime';
    file.parts = [{ url: 'u1', size: 4 }, { url: 'u2', size: 4 }, { url: 'u3', size: 2 }];
    file.partsDone = new Set([2, 0]);
    const record = recordOf(file);
    expect(record.partsDone).toEqual([0, 2]);
    const back = stateOf(JSON.parse(JSON.stringify(record)));
    expect(back.partsDone).toEqual(new Set([0, 2]));
    expect(back.progress.acknowledgedBytes).toBe(6);
    expect(back.assetId).toBe('asset-1');
  });

  it('writes atomically, owner-only, and never leaves temp files', async () => {
    const journal = new Journal(path.join(dir, 'j'));
    const record = batch('b1');
    await journal.write(record);
    await journal.write({ ...record, targetFolderId: 'other' });
    const files = await readdir(path.join(dir, 'j'));
    expect(files).toEqual(['b1.json']);
    expect(JSON.parse(await readFile(path.join(dir, 'j', 'b1.json'), 'utf8')).targetFolderId).toBe('other');
    expect((await stat(path.join(dir, 'j', 'b1.json'))).mode & 0o777).toBe(0o600);
  });

  it('lists readable batches and reports corrupt ones without failing', async () => {
    const journal = new Journal(dir);
    await journal.write(batch('a'));
    await writeFile(path.join(dir, 'broken.json'), '{"version":1,"id":');
    await writeFile(path.join(dir, 'other.json'), '{"hello":"world"}');
    const { batches, unreadable } = await journal.list();
    expect(batches.map((b) => b.id)).toEqual(['a']);
    expect(unreadable.sort()).toEqual(['broken.json', 'other.json']);
    expect(await new Journal(path.join(dir, 'missing')).list()).toEqual({ batches: [], unreadable: [] });
  });

  it('coalesces progress writes and flushes milestones at once', async () => {
    const journal = new Journal(dir);
    const file = newFileState(0, { path: '/x/a.mov', remoteDir: '', name: 'a.mov', size: 10, mtimeMs: 1 });
    const batchJournal = new BatchJournal(journal, batch('c'), () => [file]);
    file.assetId = 'asset-9';
    await batchJournal.flush();
    expect((await journal.list()).batches[0]?.files[0]?.assetId).toBe('asset-9');
    file.partsDone.add(0);
    batchJournal.touch();
    batchJournal.touch();
    await new Promise((r) => setTimeout(r, 400));
    expect((await journal.list()).batches[0]?.files[0]?.partsDone).toEqual([0]);
    expect(batchJournal.lastError).toBeNull();
  });

  it('tells once when it cannot write, and keeps going', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    const errors: Error[] = [];
    const file = newFileState(0, { path: '/x/a.mov', remoteDir: '', name: 'a.mov', size: 10, mtimeMs: 1 });
    const batchJournal = new BatchJournal(new Journal(path.join(blocker, 'journal')), batch('d'), () => [file], (e) => errors.push(e));
    await batchJournal.flush();
    await batchJournal.flush();
    expect(errors).toHaveLength(1);
    expect(batchJournal.lastError).not.toBeNull();
  });
});
