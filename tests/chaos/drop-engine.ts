// One drop through an in-process engine, steered the way a person at the window would: pause everything and resume,
// cancel a file and retry it, retry whatever failed, in quick storms, while the proxy stalls some of this process's
// connections (the engine's short idle timeout must notice) and the token may rotate (the engine asks for the new
// one). When the storm is over, failed and canceled files are retried until they settle.
import path from 'node:path';
import type { FrameioClient } from '../../src/core/frameio/types';
import { V2Client } from '../../src/core/frameio/v2-client';
import { V4Client } from '../../src/core/frameio/v4-client';
import { UploadEngine } from '../../src/core/upload/engine';
import { scanPaths } from '../../src/core/upload/scan';
import { actAlong, writeDrop } from './acts';
import type { RunContext } from './context';
import type { Drop, StormAct } from './plan';

const SETTLE_ROUNDS = 4;

function clientFor(ctx: RunContext, drop: Drop): FrameioClient {
  const { info } = ctx.host;
  return drop.api === 'v4' ? new V4Client({ baseUrl: info.apiV4Url, token: ctx.host.token, accountId: info.accountId }) : new V2Client({ baseUrl: info.apiUrl, token: ctx.host.token });
}

async function storm(ctx: RunContext, engine: UploadEngine, ids: number[], acts: StormAct[], ended: Promise<unknown>): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  const start = (await ctx.host.stats()).partPutAttempts;
  const pending = [...acts];
  while (!over && pending.length > 0) {
    const act = pending[0] as StormAct;
    if ((await ctx.host.stats()).partPutAttempts - start < act.atPart) {
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 20))]);
      continue;
    }
    pending.shift();
    if (act.kind === 'pause') {
      engine.pause();
      ctx.acts.pause++;
      await new Promise((resolve) => setTimeout(resolve, act.ms)); // how long the person leaves it paused
      engine.resume();
      ctx.acts.resume++;
    } else if (act.kind === 'cancel') {
      const id = ids[act.file % ids.length] as number;
      if (engine.file(id)) {
        engine.cancel([id]);
        ctx.acts.cancel++;
      }
    } else if (act.kind === 'retry') {
      void engine.retry().catch(() => undefined);
      ctx.acts.retry++;
    } else {
      ctx.acts.stall += await ctx.host.stall([process.pid], 3);
    }
  }
}

export async function runEngineDrop(ctx: RunContext, drop: Drop): Promise<void> {
  await writeDrop(ctx, drop);
  await ctx.host.setFaults(drop.faults);
  const client = clientFor(ctx, drop);
  const engine = new UploadEngine({
    client,
    apiUrl: ctx.apiUrl(drop.api),
    journalDir: path.join(ctx.stateDir(drop), 'journal'),
    concurrency: 8,
    partIdleTimeoutMs: 3000,
    requestToken: async () => ctx.host.token, // a rotated token: the engine asks, as the window would ask the person
  });
  const scan = await scanPaths([ctx.dataDir(drop)]);
  const handle = engine.enqueue({ scan, targetFolderId: ctx.targetFolderId });
  const done = handle.done.catch((error: Error) => ctx.log(`drop ${drop.index}: batch ${error.message}`));
  const acts = drop.acts.filter((a) => a.kind !== 'kill');
  await Promise.all([storm(ctx, engine, handle.fileIds, drop.storm, done), actAlong(ctx, { ...drop, acts }, {}, done)]);
  await done;
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    const left = engine.files.filter((f) => f.status === 'failed' || f.status === 'canceled');
    if (left.length === 0) break;
    ctx.acts.retry++;
    await engine.retry(left.map((f) => f.id)).catch((error: Error) => ctx.log(`drop ${drop.index}: retry ${error.message}`));
  }
  // Every file's last word: what left memory succeeded; what is still here says how it ended, and why.
  const settled = new Set(engine.files.map((f) => f.path));
  ctx.heard(engine.files.map((f) => ({ path: f.path, outcome: f.status, ...(f.error ? { error: f.error } : {}) })));
  ctx.heard(scan.files.filter((f) => !settled.has(f.path)).map((f) => ({ path: f.path, outcome: 'completed' })));
}
