// The conductor's hands during a drop: writes the drop's files, then does each planned act once the sandbox has seen
// enough part PUT attempts of this drop — cut the network and restore it, rotate the token, change a file being
// uploaded (its new bytes recorded as another version), and kill -9 the uploader.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunContext } from './context';
import { hashFile, makeFile, remotePathOf, writeKeystream } from './data';
import type { Act, Drop } from './plan';

/** Writes the drop's files and registers them (with their first version) in the run. */
export async function writeDrop(ctx: RunContext, drop: Drop): Promise<string[]> {
  const dir = ctx.dataDir(drop);
  const paths: string[] = [];
  for (const f of drop.files) {
    const local = path.join(dir, ...f.rel.split('/'));
    const hashes = await makeFile(local, f.size, f.key);
    ctx.files.set(local, { drop: drop.index, path: local, remote: remotePathOf(path.join(drop.folder, ...f.rel.split('/'))), versions: [hashes], outcome: null, error: null });
    ctx.bytes += f.size;
    paths.push(local);
  }
  return paths;
}

export interface ActTarget {
  /** kill -9 of the uploader; false when it had already ended. */
  kill?: () => boolean;
}

/** Does one act; returns whether it happened. */
export async function perform(ctx: RunContext, drop: Drop, act: Act, target: ActTarget): Promise<boolean> {
  switch (act.kind) {
    case 'cut': {
      ctx.connectionsCut += await ctx.host.unplug();
      ctx.acts.cut++;
      await new Promise((resolve) => setTimeout(resolve, act.ms)); // the outage's length is the point here
      await ctx.host.plug();
      return true;
    }
    case 'rotate':
      await ctx.host.rotateToken();
      ctx.acts.rotate++;
      return true;
    case 'change': {
      const planned = drop.files[act.file];
      if (!planned) return false;
      const local = path.join(ctx.dataDir(drop), ...planned.rel.split('/'));
      const file = ctx.files.get(local);
      if (!file) return false;
      // Grown while it may be read: the uploader must notice and fail it with a reason, or send the final bytes whole.
      if (act.grow % 2 === 0) await appendFile(local, Buffer.alloc(act.grow, 0x5a));
      else await writeKeystream(local, planned.size + act.grow, `${planned.key}/changed`);
      file.versions.push(await hashFile(local));
      ctx.acts.change++;
      return true;
    }
    case 'kill': {
      const done = target.kill?.() ?? false;
      if (done) ctx.acts.kill++;
      return done;
    }
  }
}

/** Runs the drop's acts as its part PUT attempts pass each one's mark, until `ended` resolves. */
export async function actAlong(ctx: RunContext, drop: Drop, target: ActTarget, ended: Promise<unknown>): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  const start = (await ctx.host.stats()).partPutAttempts;
  const pending = [...drop.acts];
  while (!over && pending.length > 0) {
    const seen = (await ctx.host.stats()).partPutAttempts - start;
    const next = pending[0] as Act;
    if (seen >= next.atPart) {
      pending.shift();
      await perform(ctx, drop, next, target);
      if (next.kind === 'kill') return;
      continue;
    }
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 20))]);
  }
}
