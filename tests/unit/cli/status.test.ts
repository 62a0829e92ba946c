// `ferry status` says what is unfinished, each file by path and how it stopped (a paused file is not forgotten:
// `ferry resume` sends it).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancel, resume, status } from '../../../src/cli/commands/journaled';
import type { Session } from '../../../src/cli/session';
import { newFileState } from '../../../src/core/upload/file-state';
import { Journal, recordOf } from '../../../src/core/upload/journal';
import { batchRecord } from '../../support/journal-records';

let dir: string;
const saved = process.env.FERRY_STATE_DIR;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-status-'));
  process.env.FERRY_STATE_DIR = dir;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.FERRY_STATE_DIR;
  else process.env.FERRY_STATE_DIR = saved;
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const fileWith = (id: number, name: string, status: 'paused' | 'uploading' | 'completed' | 'failed') => {
  const file = newFileState(id, 'b', { path: `/cards/${name}`, remoteDir: '', name, size: 100, mtimeMs: 1 }, { onConflict: 'skip' });
  Object.assign(file, { status });
  return recordOf(file);
};

describe('ferry status', () => {
  it('counts paused and failed files and lists every unfinished one by path', async () => {
    const batch = batchRecord('2026-12-07-batch', [fileWith(0, 'a.mov', 'paused'), fileWith(1, 'b.mov', 'uploading'), fileWith(2, 'c.mov', 'completed'), fileWith(3, 'd.mov', 'failed')]);
    await new Journal(path.join(dir, 'journal')).write(batch);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await status({ apiUrl: batch.apiUrl, journalKey: batch.apiUrl } as Session, false);
    expect(lines[0]).toMatch(/^2026-12-07-batch {2}3 of 4 file\(s\) unfinished \(1 paused, 1 failed\), 0 B of 300 B uploaded \(0 %\), 300 B left/);
    expect(lines.slice(1, 4)).toEqual(['    paused  /cards/a.mov', '    interrupted  /cards/b.mov', '    failed  /cards/d.mov']);
    lines.length = 0;
    await status({ apiUrl: batch.apiUrl, journalKey: batch.apiUrl } as Session, true);
    expect(JSON.parse(lines[0] as string).batches[0]).toMatchObject({ unfinished: 3, paused: ['/cards/a.mov'], failed: 1 });
  });

  it('after a Ctrl-C at about a third, says what the journal holds as acknowledged: uploaded, the percentage, and what is left', async () => {
    const MB = 1_000_000;
    const file = newFileState(0, 'b', { path: '/cards/A001.mov', remoteDir: '', name: 'A001.mov', size: 315 * MB, mtimeMs: 1 }, { onConflict: 'skip' });
    file.parts = Array.from({ length: 20 }, (_, i) => ({ url: `https://s3.example/p${i}`, size: i < 19 ? 16 * MB : 11 * MB }));
    for (const i of [0, 1, 2, 3, 4, 5, 6]) file.partsDone.add(i);
    Object.assign(file, { status: 'uploading', assetId: 'a-1' });
    const batch = batchRecord('2026-12-07-ctrl-c', [recordOf(file)]);
    await new Journal(path.join(dir, 'journal')).write(batch);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await status({ apiUrl: batch.apiUrl, journalKey: batch.apiUrl } as Session, false);
    expect(lines[0]).toMatch(/^2026-12-07-ctrl-c {2}1 of 1 file\(s\) unfinished, 112 MB of 315 MB uploaded \(35 %\), 203 MB left/);
    lines.length = 0;
    await status({ apiUrl: batch.apiUrl, journalKey: batch.apiUrl } as Session, true);
    expect(JSON.parse(lines[0] as string).batches[0]).toMatchObject({ bytes_uploaded: 112 * MB, bytes_left: 203 * MB, bytes_total: 315 * MB });
  });

  it('points at the API a batch was journaled under: the default became V4, a V2 batch waits under its V2 address', async () => {
    const v2 = { ...batchRecord('2026-12-07-v2-batch', [fileWith(0, 'a.mov', 'uploading')]), apiUrl: 'https://api.frame.io/v2' };
    const sandbox = { ...batchRecord('2026-12-07-sb-batch', [fileWith(0, 'b.mov', 'uploading')]), apiUrl: 'ferry-sandbox:/data/ferry/sandbox/v4', apiVersion: 'v4' as const };
    await new Journal(path.join(dir, 'journal')).write(v2);
    await new Journal(path.join(dir, 'journal')).write(sandbox);
    const v4 = { apiUrl: 'https://api.frame.io/v4', journalKey: 'https://api.frame.io/v4' } as Session;
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await status(v4, false);
    expect(lines).toEqual(['Nothing to resume for https://api.frame.io/v4. 2 unfinished batch(es) journaled for other API addresses: `ferry --api https://api.frame.io/v2 status`, `ferry --sandbox status`.']);
    await expect(resume(v4, v2.id, { json: true })).rejects.toThrow('Batch 2026-12-07-v2-batch was uploaded through the V2 API at https://api.frame.io/v2: run `ferry --api https://api.frame.io/v2 resume 2026-12-07-v2-batch`.');
    await expect(cancel(v4, sandbox.id, true)).rejects.toThrow('run `ferry --sandbox cancel 2026-12-07-sb-batch`');
    lines.length = 0;
    await status(v4, true);
    expect(JSON.parse(lines[0] as string)).toEqual({ batches: [] }); // the JSON shape stays what scripts read
  });
});
