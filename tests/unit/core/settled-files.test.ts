// A finished file's record, kept in columns (issue 14 §5), reads back exactly as it was: ids and hashes of the usual
// shape packed into bytes, other shapes kept as they are, fields that differ from the source kept only where they do.
import { describe, expect, it } from 'vitest';
import { scannedFiles } from '../../../src/core/upload/batch-sources';
import type { JournalFileRecord } from '../../../src/core/upload/journal';
import { packedHashes, packedUuids } from '../../../src/core/upload/packed-strings';
import { SettledFiles } from '../../../src/core/upload/settled-files';

const files = scannedFiles(0, 'batch', [0, 1].map((i) => ({ path: `/cards/A/clip${i}.mov`, remoteDir: 'A', name: `clip${i}.mov`, size: 1000 + i, mtimeMs: 1.5e12 + i })), {
  onConflict: 'skip',
  versionOf: null,
  conflictResolved: false,
});
const source = (index: number): JournalFileRecord => files.source(index);

describe('packed strings', () => {
  it('read back UUIDs and xxHash64s, and keep other shapes aside', () => {
    const ids = packedUuids(3);
    ids.set(0, '0b7c2f3e-9a41-4c1d-8e2f-1234567890ab');
    ids.set(1, 'asset-7');
    expect([ids.get(0), ids.get(1), ids.get(2)]).toEqual(['0b7c2f3e-9a41-4c1d-8e2f-1234567890ab', 'asset-7', null]);
    const hashes = packedHashes(2);
    hashes.set(1, '00ff00ff00ff00ff');
    expect([hashes.get(0), hashes.get(1)]).toEqual([null, '00ff00ff00ff00ff']);
  });
});

describe('settled files', () => {
  it('give back the record a file finished with, over its source', () => {
    const settled = new SettledFiles(2);
    const done: JournalFileRecord = {
      ...source(1),
      status: 'completed',
      remoteName: 'clip1 (1).mov',
      conflictResolved: true,
      assetId: '0b7c2f3e-9a41-4c1d-8e2f-1234567890ab',
      contentType: 'video/quicktime',
      retries: 2,
      xxHash: 'ed0fa81dfd513618',
    };
    settled.settle(1, done, source(1), 1001);
    expect(settled.has(0)).toBe(false);
    expect(settled.size).toBe(1);
    expect(settled.record(1, source(1))).toEqual(done);
    expect(settled.ackedBytes(1)).toBe(1001);
  });
});
