// Before a byte moves, the engine warns about a file that cannot finish before its upload URLs expire.
import { describe, expect, it } from 'vitest';
import { UploadEngine } from '../../../src/core/upload/engine';
import { FakeFrameio } from '../../support/fake-frameio';

describe('URL expiry warning', () => {
  it('names the file that needs longer than 24 h at the last measured speed, and only that one, as it is enqueued', async () => {
    const fake = new FakeFrameio();
    const engine = new UploadEngine({ client: fake, apiUrl: 'x', journalDir: null, expectedBytesPerSec: 1_000_000, putPart: fake.putPart });
    const warnings: string[] = [];
    engine.on((e) => e.type === 'warning' && warnings.push(e.message));
    const { done } = engine.enqueue({
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
      targetFolderId: fake.root,
    });
    expect(warnings).toEqual([expect.stringMatching(/^huge\.mov needs about 28 h at the last measured speed \(1\.0 MB\/s\), longer than the 24 h/)]);
    expect((await done).failed).toBe(2); // the files are not on this disk: each says so
  });
});
