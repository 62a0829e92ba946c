// Pausing a file while Frame.io is confirming it, then resuming before the answer comes (found by the CLI's sign-in
// pause on a real terminal): every byte is acknowledged, so the file goes back to confirming, and the answer completes
// it. Before, resume put it back to "uploading" and the answer crashed the engine ("cannot go from uploading to
// completed").
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngineEvent, UploadEngine } from '../../../../src/core/upload/engine';
import type { FileStatus } from '../../../../src/core/upload/file-state';
import { scanPaths } from '../../../../src/core/upload/scan';
import { FakeFrameio, instantSleep } from '../../../support/fake-frameio';
import { waitFor } from '../../../support/wait';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-pause-confirming-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a file paused and resumed while confirming completes once its confirmation comes', async () => {
  const fake = new FakeFrameio();
  const engine = new UploadEngine({ client: fake, apiUrl: 'fake', journalDir: null, putPart: fake.putPart, sleep: instantSleep, concurrency: 2 });
  const moves: FileStatus[] = [];
  engine.on((event: EngineEvent) => event.type === 'state' && moves.push(event.file.status));
  const clip = path.join(dir, 'a.mov');
  await writeFile(clip, Buffer.alloc(10, 7));
  // The first listing is the destination's (name conflicts); the second is the one that confirms the upload.
  const releaseDestination = fake.holdNextCall('listChildren');
  const handle = engine.enqueue({ scan: await scanPaths([clip]), targetFolderId: fake.root });
  const [id] = handle.fileIds as [number];
  await waitFor(() => fake.calls.includes('listChildren'), 'the destination is being listed');
  const releaseConfirmation = fake.holdNextCall('listChildren');
  releaseDestination();
  await waitFor(() => engine.file(id)?.status === 'confirming', 'the file is confirming');
  engine.pause([id]);
  engine.resume([id]);
  expect(engine.file(id)?.status).toBe('confirming');
  releaseConfirmation();
  const report = await handle.done;
  expect(report.completed).toBe(1);
  expect(moves.slice(-4)).toEqual(['confirming', 'paused', 'confirming', 'completed']);
  expect(fake.puts).toHaveLength(3); // 10 bytes in 4-byte parts, each sent once
});
