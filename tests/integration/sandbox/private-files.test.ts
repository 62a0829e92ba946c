// The sandbox's data folder holds its demo token, S3 secret, HMAC keys and the uploaded bytes: like the journal, it is
// written 0600 in 0700 folders ("Trust under fire", finding 3: state and parts were 0644 in 0755).
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFile, randomBytesOf, startHarness, uploadAll } from './helpers.js';

/** Every entry under `dir` (itself included) with its permission bits, e.g. `parts/<id>/part_1 600`. */
async function modes(dir: string, rel = '.'): Promise<string[]> {
  const here = join(dir, rel);
  const out = [`${rel}/ ${((await stat(here)).mode & 0o777).toString(8)}`];
  for (const entry of await readdir(here, { withFileTypes: true })) {
    const child = rel === '.' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await modes(dir, child)));
    else out.push(`${child} ${((await stat(join(dir, child))).mode & 0o777).toString(8)}`);
  }
  return out;
}

const isPrivate = (m: string): boolean => m.endsWith('/ 700') || m.endsWith(' 600');

let parent = '';
afterEach(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
  parent = '';
});

describe('the data folder is private', () => {
  it.each([
    ['a folder it creates', false],
    ['a folder an older sandbox left at 0755', true],
  ])('%s: state, lock, seed and uploaded parts are 0600 in 0700 folders, while running and after close', async (_what, existing) => {
    parent = await mkdtemp(join(tmpdir(), 'ferry-sb-private-'));
    const dataDir = join(parent, 'nested', 'data');
    if (existing) {
      // What an older sandbox left: its state, in folders it made 0755.
      const old = await startHarness({ dataDir });
      await old.close();
      await chmod(dataDir, 0o755);
      await chmod(join(dataDir, 'parts'), 0o755);
    }
    const h = await startHarness({ dataDir });
    try {
      const data = randomBytesOf(3000);
      const file = await createFile(h, h.sb.rootAssetId, 'clip.mov', data.length);
      expect((await uploadAll(file, data)).map((r) => r.status)).toEqual([200]);
      const running = await modes(dataDir);
      expect(running.filter(isPrivate)).toEqual(running);
      expect(running.some((m) => m.startsWith(`parts/${file.id}/part_1 `))).toBe(true);
      expect(running.some((m) => m.startsWith('state.json '))).toBe(true);
      expect(running.some((m) => m.startsWith('sandbox.lock '))).toBe(true);
    } finally {
      await h.close();
    }
    const after = await modes(dataDir);
    expect(after.filter(isPrivate)).toEqual(after);
    if (!existing) expect(((await stat(join(parent, 'nested'))).mode & 0o777).toString(8)).toBe('700');
  });

  it('a folder that holds no sandbox state keeps the mode its owner gave it (only what the sandbox writes is private)', async () => {
    parent = await mkdtemp(join(tmpdir(), 'ferry-sb-private-'));
    const dataDir = join(parent, 'shared');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const h = await startHarness({ dataDir });
    try {
      expect(((await stat(dataDir)).mode & 0o777).toString(8)).toBe('755');
      const inside = (await modes(dataDir)).filter((m) => !m.startsWith('./ '));
      expect(inside.filter(isPrivate)).toEqual(inside);
    } finally {
      await h.close();
    }
  });
});
