import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newFileState } from '../../../src/core/upload/file-state';
import { fileFromRecord, Journal, JOURNAL_VERSION, parseBatchRecord, recordOf } from '../../../src/core/upload/journal';
import { batchRecord } from '../../support/journal-records';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const aFile = () => newFileState(3, 'b1', { path: '/x/a.mov', remoteDir: 'Day 1', name: 'a.mov', size: 10, mtimeMs: 123 }, { onConflict: 'rename' });

describe('journal', () => {
  it('round-trips a file: identity, intent, asset, parts, acknowledged parts and progress', () => {
    const file = aFile();
    file.assetId = 'asset-1';
    file.contentType = 'video/quicktime';
    file.versionOf = 'older';
    file.parts = [{ url: 'u1', size: 4 }, { url: 'u2', size: 4 }, { url: 'u3', size: 2 }];
    file.partsDone = new Set([2, 0]);
    const record = recordOf(file);
    expect(record.partsDone).toEqual([0, 2]);
    const back = fileFromRecord(JSON.parse(JSON.stringify(record)), 'b1', 7, 'uploading', null);
    expect(back.id).toBe(7);
    expect(back.partsDone).toEqual(new Set([0, 2]));
    expect(back.progress.acknowledgedBytes).toBe(6);
    expect([back.assetId, back.versionOf, back.onConflict, back.status]).toEqual(['asset-1', 'older', 'rename', 'uploading']);
  });

  it('keeps no part URLs for a file that succeeded', () => {
    const file = aFile();
    file.parts = [{ url: 'https://s3/secret', size: 10 }];
    file.partsDone = new Set([0]);
    Object.assign(file, { status: 'completed' });
    expect(recordOf(file)).toMatchObject({ parts: null, partsDone: [], urlsExpireAt: null });
  });

  it('writes atomically, owner-only, and never leaves temp files', async () => {
    const journal = new Journal(path.join(dir, 'j'));
    const record = batchRecord('b1');
    await journal.write(record);
    await journal.write({ ...record, targetFolderId: 'other' });
    expect((await readdir(path.join(dir, 'j'))).sort()).toEqual(['b1.json', 'b1.log']); // the snapshot and its (empty) log
    expect(JSON.parse(await readFile(path.join(dir, 'j', 'b1.json'), 'utf8')).targetFolderId).toBe('other');
    expect((await stat(path.join(dir, 'j', 'b1.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'j', 'b1.log'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'j'))).mode & 0o777).toBe(0o700);
  });

  it('lists readable batches and reports damaged ones — including an entry missing a field — without failing', async () => {
    const journal = new Journal(dir);
    await journal.write(batchRecord('a', [recordOf(aFile())]));
    const { partsDone: _dropped, ...withoutPartsDone } = recordOf(aFile());
    await writeFile(path.join(dir, 'broken.json'), '{"version":1,"id":');
    await writeFile(path.join(dir, 'other.json'), '{"hello":"world"}');
    await writeFile(path.join(dir, 'no-parts-done.json'), JSON.stringify(batchRecord('c', [withoutPartsDone as never])));
    const { batches, unreadable } = await journal.list();
    expect(batches.map((b) => b.id)).toEqual(['a']);
    expect(unreadable.sort()).toEqual(['broken.json', 'no-parts-done.json', 'other.json']);
    expect(await new Journal(path.join(dir, 'missing')).list()).toEqual({ batches: [], unreadable: [] });
  });

  it('writes a line per file and reads the snapshot back a line at a time; a damaged line makes the batch unreadable', async () => {
    const journal = new Journal(dir);
    const files = [0, 1, 2].map((i) => ({ ...recordOf(aFile()), id: i, path: `/x/${i}.mov` }));
    await journal.write(batchRecord('lines', files));
    const text = await readFile(path.join(dir, 'lines.json'), 'utf8');
    const lines = text.split('\n');
    expect(lines).toHaveLength(3 + 3); // the header, a line per file, the end, and nothing after the last newline
    expect(JSON.parse(text).files).toHaveLength(3); // still one JSON value
    expect((await journal.read('lines'))?.files.map((f) => f.path)).toEqual(['/x/0.mov', '/x/1.mov', '/x/2.mov']);
    lines[2] = lines[2]?.replace('"size":10', '"size":"ten"') as string;
    await writeFile(path.join(dir, 'lines.json'), lines.join('\n'));
    expect(await journal.read('lines')).toBeNull();
    expect((await journal.list()).unreadable).toEqual(['lines.json']);
  });

  it('reads a snapshot written before the line-per-file layout (one line, with or without its last newline)', async () => {
    const journal = new Journal(dir);
    const old = batchRecord('old', [recordOf(aFile())]);
    await writeFile(path.join(dir, 'old.json'), `${JSON.stringify(old)}\n`);
    await writeFile(path.join(dir, 'older.json'), JSON.stringify({ ...old, id: 'older' }));
    const { batches, unreadable } = await journal.list();
    expect(unreadable).toEqual([]);
    expect(batches.map((b) => [b.id, b.files[0]?.path])).toEqual([['old', '/x/a.mov'], ['older', '/x/a.mov']]);
  });

  it('reads a version 1 journal: each file takes the batch policy and resumes as already decided', () => {
    const { onConflict: _a, conflictResolved: _b, ...v1File } = recordOf(aFile());
    const upgraded = parseBatchRecord({ ...batchRecord('old', [v1File as never]), version: 1, onConflict: 'version' });
    expect(upgraded?.version).toBe(JOURNAL_VERSION);
    expect(upgraded?.files[0]).toMatchObject({ onConflict: 'version', conflictResolved: true });
    expect(parseBatchRecord({ ...batchRecord('future'), version: 99 })).toBeNull();
  });
});
