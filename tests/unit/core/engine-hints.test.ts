// The engine's side of the desktop shell: OS network hints reach the network gate, and an interruption ends paused
// files too (so a batch always gets its final journal write when the app quits).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameioClient } from '../../../src/core/frameio/types';
import { UploadEngine } from '../../../src/core/upload/engine';
import { NetworkGate } from '../../../src/core/upload/network-gate';
import type { ScanResult } from '../../../src/core/upload/scan';

// Nothing here reaches the API: a paused file stops before its first request.
const client = {} as FrameioClient;
const scan: ScanResult = {
  files: [{ path: '/nowhere/a.mov', remoteDir: '', name: 'a.mov', size: 10, mtimeMs: 1 }],
  folders: [],
  problems: [],
  skippedJunk: [],
  totalBytes: 10,
};
const settled = () => new Promise((resolve) => setImmediate(resolve)); // every pending promise step has run

afterEach(() => vi.restoreAllMocks());

describe('UploadEngine.networkChanged', () => {
  it('"online" makes the network gate probe now; "offline" changes nothing', () => {
    const recheck = vi.spyOn(NetworkGate.prototype, 'recheckNow');
    const engine = new UploadEngine({ client, apiUrl: 'test', journalDir: null });
    engine.networkChanged(false);
    expect(recheck).not.toHaveBeenCalled();
    engine.networkChanged(true);
    expect(recheck).toHaveBeenCalledTimes(1);
  });
});

describe('interrupting an engine', () => {
  it('ends a paused file (kept paused, for resume) instead of waiting forever', async () => {
    const controller = new AbortController();
    const engine = new UploadEngine({ client, apiUrl: 'test', journalDir: null, signal: controller.signal });
    engine.on((event) => event.type === 'batch' && engine.pause(event.fileIds));
    const job = engine.upload({ scan, targetFolderId: 'root' });
    await settled();
    expect(engine.files[0]?.status).toBe('paused');
    controller.abort(new Error('quitting'));
    const report = await job;
    expect(report.unfinished).toBe(1);
    expect(engine.files[0]?.status).toBe('paused'); // journaled paused: a restart does not start it by itself
    expect(engine.files[0]?.error).toBeNull();
  });

  it('ends a file paused then resumed as interrupted, not paused', async () => {
    const controller = new AbortController();
    const engine = new UploadEngine({ client, apiUrl: 'test', journalDir: null, signal: controller.signal });
    engine.on((event) => event.type === 'batch' && engine.pause(event.fileIds));
    const job = engine.upload({ scan, targetFolderId: 'root' });
    await settled();
    engine.resume();
    controller.abort(new Error('quitting'));
    expect((await job).unfinished).toBe(1);
    expect(engine.files[0]?.status).toBe('queued');
    expect(engine.files[0]?.error).toMatch(/interrupted/);
  });

  it('does not pause a file that starts after the interruption', async () => {
    const controller = new AbortController();
    controller.abort(new Error('quitting'));
    const engine = new UploadEngine({ client, apiUrl: 'test', journalDir: null, signal: controller.signal });
    engine.on((event) => event.type === 'batch' && engine.pause(event.fileIds));
    const report = await engine.upload({ scan, targetFolderId: 'root' });
    expect(report.unfinished).toBe(1);
  });
});
