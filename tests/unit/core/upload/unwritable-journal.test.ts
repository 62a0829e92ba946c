// A journal folder that cannot exist (its parent is a file; on a desktop: a read-only or full disk) warns once and
// the upload goes on; finishing the batch must not then fail on removing a journal file that was never written.
// Before, the completed upload ended with "ENOTDIR: not a directory, lstat …/journal/<batch>.json" and exit 1.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngineEvent, UploadEngine } from '../../../../src/core/upload/engine';
import { scanPaths } from '../../../../src/core/upload/scan';
import { FakeFrameio, instantSleep } from '../../../support/fake-frameio';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-unwritable-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a journal folder that cannot be made: one warning, the file completes, the batch ends without an error', async () => {
  const blocker = path.join(dir, 'not-a-folder');
  await writeFile(blocker, 'x');
  const fake = new FakeFrameio();
  const engine = new UploadEngine({ client: fake, apiUrl: 'fake', journalDir: path.join(blocker, 'journal'), putPart: fake.putPart, sleep: instantSleep, concurrency: 2 });
  const warnings: string[] = [];
  engine.on((event: EngineEvent) => event.type === 'warning' && warnings.push(event.message));
  const clip = path.join(dir, 'a.mov');
  await writeFile(clip, Buffer.alloc(10, 1));
  const report = await engine.enqueue({ scan: await scanPaths([clip]), targetFolderId: fake.root }).done;
  expect(report.completed).toBe(1);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/cannot save upload progress .*ENOTDIR.*could not be resumed after a crash/);
});
