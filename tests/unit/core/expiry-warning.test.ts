// Before a byte moves, the engine warns about a file that cannot finish before its upload URLs expire.
import { describe, expect, it } from 'vitest';
import { UploadEngine } from '../../../src/core/upload/engine';
import type { FrameioClient } from '../../../src/core/frameio/types';

// The upload itself is not under test here: a client whose calls never settle keeps the engine at the start.
const stalledClient = new Proxy({}, { get: (_t, key) => (key === 'setToken' ? () => undefined : () => new Promise(() => undefined)) }) as FrameioClient;

describe('URL expiry warning', () => {
  it('names the file that needs longer than 24 h at the last measured speed, and only that one', () => {
    const engine = new UploadEngine({ client: stalledClient, apiUrl: 'x', journalDir: null, expectedBytesPerSec: 1_000_000 });
    const warnings: string[] = [];
    engine.on((e) => e.type === 'warning' && warnings.push(e.message));
    void engine.upload({
      scan: {
        files: [
          { path: '/a/huge.mov', remoteDir: '', name: 'huge.mov', size: 100_000_000_000, mtimeMs: 1 }, // 27.8 h at 1 MB/s
          { path: '/a/small.mov', remoteDir: '', name: 'small.mov', size: 1_000_000, mtimeMs: 1 },
        ],
        folders: [],
        problems: [],
        skippedJunk: [],
        totalBytes: 100_001_000_000,
      },
      targetFolderId: 'root',
    });
    expect(warnings).toEqual([expect.stringMatching(/^huge\.mov needs about 28 h at the last measured speed \(1\.0 MB\/s\), longer than the 24 h/)]);
  });
});
