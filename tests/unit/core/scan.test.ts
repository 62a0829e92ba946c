import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanPaths } from '../../../src/core/upload/scan';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-scan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scanPaths', () => {
  it('mirrors a nested folder, keeps empty folders, skips junk and NFC-normalises names', async () => {
    const root = path.join(dir, 'Day 1');
    await mkdir(path.join(root, 'Cam A', 'empty'), { recursive: true });
    await writeFile(path.join(root, 'Cam A', 'A001.mov'), 'abc');
    await writeFile(path.join(root, 'Cafe\u0301.txt'), 'x'); // decomposed é
    await writeFile(path.join(root, '.DS_Store'), 'junk');
    await writeFile(path.join(root, '._A001.mov'), 'junk');
    const scan = await scanPaths([root]);
    expect(scan.folders).toEqual(['Day 1', 'Day 1/Cam A', 'Day 1/Cam A/empty']);
    expect(scan.files.map((f) => [f.remoteDir, f.name]).sort()).toEqual([
      ['Day 1', 'Caf\u00e9.txt'],
      ['Day 1/Cam A', 'A001.mov'],
    ]);
    expect(scan.totalBytes).toBe(4);
    expect(scan.skippedJunk.map((p) => path.basename(p)).sort()).toEqual(['.DS_Store', '._A001.mov']);
    expect(scan.problems).toEqual([]);
  });

  it('reports missing paths, empty files and unreadable files with specific messages', async () => {
    await writeFile(path.join(dir, 'empty.mov'), '');
    const locked = path.join(dir, 'locked.mov');
    await writeFile(locked, 'secret');
    await chmod(locked, 0o000);
    const scan = await scanPaths([path.join(dir, 'nope.mov'), path.join(dir, 'empty.mov'), locked]);
    const messages = scan.problems.map((p) => p.message);
    expect(messages[0]).toMatch(/nope\.mov: no such file or folder/);
    expect(messages[1]).toMatch(/empty\.mov: the file is empty \(0 bytes\)/);
    // root can read anything, so the permission case is only observable as a non-root user
    if (process.getuid?.() !== 0) expect(messages[2]).toMatch(/permission denied/);
    else expect(scan.files.map((f) => f.name)).toEqual(['locked.mov']);
  });

  it('refuses a second dropped folder with the same name instead of merging the two trees', async () => {
    await mkdir(path.join(dir, 'a', 'x'), { recursive: true });
    await mkdir(path.join(dir, 'b', 'x'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'x', 'one.txt'), '1');
    await writeFile(path.join(dir, 'b', 'x', 'two.txt'), '2');
    const scan = await scanPaths([path.join(dir, 'a', 'x'), path.join(dir, 'b', 'x')]);
    expect(scan.files.map((f) => f.name)).toEqual(['one.txt']);
    expect(scan.problems.map((p) => p.message)).toEqual([expect.stringMatching(/b\/x: another dropped folder is also named "x"/)]);
  });

  it('refuses the filesystem root', async () => {
    const scan = await scanPaths(['/']);
    expect(scan.problems.map((p) => p.message)).toEqual(['/: cannot upload a whole filesystem root; choose folders inside it']);
  });

  it('uploads linked files but does not follow linked folders', async () => {
    const real = path.join(dir, 'real');
    await mkdir(real);
    await writeFile(path.join(real, 'clip.mov'), '12345');
    const drop = path.join(dir, 'drop');
    await mkdir(drop);
    await symlink(path.join(real, 'clip.mov'), path.join(drop, 'link.mov'));
    await symlink(real, path.join(drop, 'loop'));
    const scan = await scanPaths([drop]);
    expect(scan.files.map((f) => f.name)).toEqual(['link.mov']);
    expect(scan.problems.map((p) => p.message)).toEqual([expect.stringMatching(/loop: symbolic link to a folder/)]);
  });

  describe('folders that would only be empty shells (review finding 9)', () => {
    it('a folder of only empty files, or only a link loop, creates no remote folder; a folder empty on disk still does', async () => {
      const root = path.join(dir, 'Card');
      await mkdir(path.join(root, 'zeros'), { recursive: true });
      await writeFile(path.join(root, 'zeros', 'a.mov'), '');
      await writeFile(path.join(root, 'zeros', 'b.mov'), '');
      await mkdir(path.join(root, 'loop'));
      await symlink(path.join(root, 'loop', 'self'), path.join(root, 'loop', 'self'));
      await mkdir(path.join(root, 'really-empty'));
      await writeFile(path.join(root, 'real.mov'), 'x');
      const scan = await scanPaths([root]);
      expect(scan.folders).toEqual(['Card', 'Card/really-empty']);
      expect(scan.problems.map((p) => path.relative(root, p.path)).sort()).toEqual(['loop/self', 'zeros/a.mov', 'zeros/b.mov']);
      expect(scan.problems.find((p) => p.path.endsWith('self'))?.message).toMatch(/symbolic link to itself \(a loop\), skipped/);
      const only = await scanPaths([path.join(root, 'zeros')]);
      expect([only.folders, only.files]).toEqual([[], []]);
    });

    it('names a FIFO inside a folder, and a link to one, instead of skipping them silently', async () => {
      const root = path.join(dir, 'pipes');
      await mkdir(root);
      execFileSync('mkfifo', [path.join(root, 'fifo')]);
      await symlink(path.join(root, 'fifo'), path.join(root, 'to-fifo'));
      await writeFile(path.join(root, 'ok.txt'), 'ok');
      const scan = await scanPaths([root]);
      expect(scan.files.map((f) => f.name)).toEqual(['ok.txt']);
      expect(scan.problems.map((p) => p.message)).toEqual([
        `${path.join(root, 'fifo')}: a named pipe (FIFO), not a file: skipped`,
        `${path.join(root, 'to-fifo')}: symbolic link to a named pipe (FIFO), not followed`,
      ]);
    });

    it('an unreadable folder is reported and creates nothing remotely (scanned as an ordinary user)', async () => {
      if (process.getuid?.() !== 0) return; // as root only: it runs the scan as "nobody"
      const root = path.join(dir, 'Shoot');
      await mkdir(path.join(root, 'locked'), { recursive: true });
      await writeFile(path.join(root, 'locked', 'a.mov'), 'x');
      await writeFile(path.join(root, 'b.mov'), 'x');
      await chmod(dir, 0o755);
      await chmod(path.join(root, 'locked'), 0o000);
      const script = `import { scanPaths } from ${JSON.stringify(path.resolve('src/core/upload/scan.ts'))}; const s = await scanPaths([${JSON.stringify(root)}]); console.log(JSON.stringify({ folders: s.folders, problems: s.problems.map((p) => p.message) }));`;
      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { uid: 65534, gid: 65534, cwd: process.cwd(), encoding: 'utf8' }));
      expect(out.folders).toEqual(['Shoot']);
      expect(out.problems).toEqual([`${path.join(root, 'locked')}: permission denied (cannot read it)`]);
    });
  });
});
