// The browser window's ways in for this computer's files, on the real browser host: the in-page chooser's listing
// and choice (granted like a native dialog's pick), and the spool that receives a dropped File without a path —
// streamed to disk without being held in memory, refusing names that would leave it, private (0700/0600).
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHost, startBrowserHost } from '../../../src/main/browser-host/browser-host';
import { Spool } from '../../../src/main/browser-host/spool';
import { releaseWhenSettled, sweepSpool } from '../../../src/main/browser-host/spool-lifecycle';
import { Journal, type JournalFileRecord } from '../../../src/core/upload/journal';
import { batchRecord } from '../../support/journal-records';
import type { Handlers } from '../../../src/main/ipc/register-handlers';
import { waitFor } from '../../support/wait';

let work: string;
let home: string;
let host: BrowserHost;
let cookie: string;
let spool: Spool;
const granted: string[][] = [];
const MiB = 1024 * 1024;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-host-local-'));
  home = path.join(work, 'home');
  await mkdir(path.join(home, 'Footage', 'Day 1'), { recursive: true });
  await mkdir(path.join(home, '.config'));
  await writeFile(path.join(home, 'notes.txt'), 'hello');
  await writeFile(path.join(home, '.hidden'), 'x');
  await writeFile(path.join(home, 'Footage', 'Day 1', 'clip.mov'), Buffer.alloc(1234, 7));
  await symlink(path.join(home, 'Footage'), path.join(home, 'footage-link'));
  await mkdir(path.join(work, 'renderer'));
  await writeFile(path.join(work, 'renderer', 'index.html'), '<html><head></head><body></body></html>');
  await writeFile(path.join(work, 'bridge.js'), '');
  spool = new Spool(path.join(work, 'state', 'browser-spool'));
  host = await startBrowserHost({
    handlers: {} as Handlers,
    rendererDir: path.join(work, 'renderer'),
    bridgePath: path.join(work, 'bridge.js'),
    local: { grant: (paths) => void granted.push(paths), spool, home },
  });
  cookie = ((await fetch(host.url, { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(async () => {
  await host?.close();
  await rm(work, { recursive: true, force: true });
});

const own = () => ({ cookie, origin: host.origin, 'content-type': 'application/json' });
const post = async (route: string, body: unknown, headers: Record<string, string> = own()) => {
  const res = await fetch(`${host.origin}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : await res.text() };
};
const put = async (dropId: string, relative: string, body: string, headers: Record<string, string> = own()) => {
  const res = await fetch(`${host.origin}/__host/spool/${dropId}?path=${encodeURIComponent(relative)}`, { method: 'PUT', headers, body });
  return { status: res.status, body: await res.text() };
};

describe('in-page chooser routes', () => {
  it('lists the home folder first: folders then files, hidden ones only when asked, links as what they point to', async () => {
    const { status, body } = await post('/__host/local/list', {});
    expect(status).toBe(200);
    expect(body.path).toBe(home);
    expect(body.parent).toBe(work);
    expect(body.entries).toEqual([
      { name: 'Footage', kind: 'folder', size: 0 },
      { name: 'footage-link', kind: 'folder', size: 0 },
      { name: 'notes.txt', kind: 'file', size: 5 },
    ]);
    const hidden = await post('/__host/local/list', { path: home, hidden: true });
    expect(hidden.body.entries.map((e: { name: string }) => e.name)).toEqual(['.config', 'Footage', 'footage-link', '.hidden', 'notes.txt']);
    const deeper = await post('/__host/local/list', { path: path.join(home, 'Footage', 'Day 1') });
    expect(deeper.body.entries).toEqual([{ name: 'clip.mov', kind: 'file', size: 1234 }]);
  });

  it('refuses relative paths, NUL bytes, files, missing folders, strangers and other origins', async () => {
    for (const bad of ['Footage', '../etc', `${home}/\0x`, path.join(home, 'notes.txt'), path.join(home, 'nope')]) {
      const { status, body } = await post('/__host/local/list', { path: bad });
      expect(status, bad).toBe(400);
      expect(body.error).toBeTruthy();
    }
    expect((await post('/__host/local/list', {}, { origin: host.origin })).status).toBe(403); // no cookie
    expect((await post('/__host/local/list', {}, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('/__host/local/list', {}, { cookie })).status).toBe(403); // no Origin
  });

  it('grants what was chosen as its resolved path (a link grants what it points to), nothing when refused', async () => {
    granted.length = 0;
    const chosen = await post('/__host/local/choose', { paths: [path.join(home, 'notes.txt'), path.join(home, 'footage-link')] });
    expect(chosen.status).toBe(200);
    expect(chosen.body.paths).toEqual([path.join(home, 'notes.txt'), path.join(home, 'Footage')]);
    expect(granted).toEqual([[path.join(home, 'notes.txt'), path.join(home, 'Footage')]]);
    for (const paths of [[], ['notes.txt'], [`${home}/notes.txt\0`], [path.join(home, 'gone.txt')], 'x']) {
      expect((await post('/__host/local/choose', { paths })).status, JSON.stringify(paths)).toBe(400);
    }
    expect((await post('/__host/local/choose', { paths: [path.join(home, 'notes.txt')] }, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect(granted).toHaveLength(1);
  });
});

describe('spool for dropped files without a path', () => {
  it('receives a dropped folder tree, mirrors it privately, and grants its top-level paths', async () => {
    granted.length = 0;
    const { body } = await post('/__host/spool', {});
    const dropId = body.dropId as string;
    expect(dropId).toMatch(/^[0-9a-f]{16}$/);
    expect((await put(dropId, 'Card A/DCIM/a.mov', 'aaaa')).status).toBe(200);
    expect((await put(dropId, 'Card A/b.wav', 'bb')).status).toBe(200);
    expect((await put(dropId, 'loose.txt', 'loose')).status).toBe(200);
    const done = await post(`/__host/spool/${dropId}/done`, {});
    const dropDir = path.join(spool.root, dropId);
    expect(done.body.paths).toEqual([path.join(dropDir, 'Card A'), path.join(dropDir, 'loose.txt')]);
    expect(granted).toEqual([done.body.paths]);
    expect(await readFile(path.join(dropDir, 'Card A', 'DCIM', 'a.mov'), 'utf8')).toBe('aaaa');
    expect((await stat(spool.root)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dropDir, 'Card A'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dropDir, 'loose.txt'))).mode & 0o777).toBe(0o600);
    // A finished drop takes no more files.
    expect((await put(dropId, 'late.txt', 'x')).status).toBe(400);
  });

  it('refuses names that leave the drop, NUL bytes, unknown drops, a second copy, strangers and other origins', async () => {
    const dropId = (await post('/__host/spool', {})).body.dropId as string;
    for (const bad of ['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a//b', './a', 'a\0b', 'a\\..\\b', '', `${'n'.repeat(256)}.txt`]) {
      const { status } = await put(dropId, bad, 'x');
      expect(status, JSON.stringify(bad)).toBe(400);
    }
    expect(await readdir(path.join(work, 'state', 'browser-spool'))).not.toContain('escape.txt');
    expect((await put(dropId, 'once.txt', 'one')).status).toBe(200);
    expect((await put(dropId, 'once.txt', 'two')).status).toBe(400);
    expect(await readFile(path.join(spool.root, dropId, 'once.txt'), 'utf8')).toBe('one');
    expect((await put('0123456789abcdef', 'a.txt', 'x')).status).toBe(400);
    expect((await put('..%2f..', 'a.txt', 'x')).status).toBe(400);
    expect((await put(dropId, 'b.txt', 'x', { origin: host.origin })).status).toBe(403);
    expect((await put(dropId, 'b.txt', 'x', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    // Abandoned (the pre-flight was cancelled): its files go.
    expect((await fetch(`${host.origin}/__host/spool/${dropId}`, { method: 'DELETE', headers: own() })).status).toBe(200);
    await expect(stat(path.join(spool.root, dropId))).rejects.toThrow();
  });

  it('streams a large file to disk without holding it in memory', async () => {
    const dropId = (await post('/__host/spool', {})).body.dropId as string;
    const size = 512 * MiB;
    const chunk = Buffer.alloc(MiB);
    const sent = createHash('sha256');
    let peakRss = 0;
    const baseline = process.memoryUsage().rss;
    // 1 MiB chunks, each different (a counter in it), generated as the socket asks: the sender holds one at a time.
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < size / MiB; i += 1) {
          chunk.fill(i % 251);
          chunk.writeUInt32BE(i, 0);
          sent.update(chunk);
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          yield Buffer.from(chunk);
        }
      })(),
    );
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${host.origin}/__host/spool/${dropId}?path=big.bin`, { method: 'PUT', headers: { cookie, origin: host.origin, 'content-length': String(size) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      body.pipe(req);
    });
    expect(status).toBe(200);
    const target = path.join(spool.root, dropId, 'big.bin');
    expect((await stat(target)).size).toBe(size);
    const stored = createHash('sha256');
    for await (const piece of (await import('node:fs')).createReadStream(target)) stored.update(piece as Buffer);
    expect(stored.digest('hex')).toBe(sent.digest('hex'));
    // The whole file would be 512 MiB of memory; streamed, the process grows by far less than that.
    expect(peakRss - baseline).toBeLessThan(128 * MiB);
    await spool.discard(dropId);
  }, 120_000);
});

describe('when spooled files go', () => {
  const record = (id: number, file: string, status: JournalFileRecord['status']): JournalFileRecord => ({
    id, path: file, remoteDir: '', name: path.basename(file), remoteName: path.basename(file), size: 1, mtimeMs: 1, status, versionOf: null,
    onConflict: 'skip', conflictResolved: false, assetId: null, contentType: null, parts: null, urlsExpireAt: null, partsDone: [], retries: 0, xxHash: null, error: null,
  });
  /** A finished drop of `files` (relative paths), as the page would send it. */
  const spoolDrop = async (files: string[]) => {
    const dropId = spool.begin();
    for (const f of files) await spool.receive(dropId, f, Readable.from([Buffer.from(f)]), null);
    spool.finish(dropId);
    return dropId;
  };

  it('a settled upload (completed, skipped, canceled) releases its copy and the folders it empties; a failed one keeps it', async () => {
    const dropId = await spoolDrop(['Card/A/one.mov', 'Card/two.mov', 'Card/three.mov', 'Card/four.mov']);
    const at = (f: string) => path.join(spool.root, dropId, f);
    const paths = new Map([[1, at('Card/A/one.mov')], [2, at('Card/two.mov')], [3, at('Card/three.mov')], [4, at('Card/four.mov')], [5, path.join(home, 'notes.txt')]]);
    const released = releaseWhenSettled(spool, (id) => paths.get(id));
    const settle = async (id: number, status: string, gone: boolean) => {
      released('uploads:state', { row: { id, status } });
      await waitFor(async () => (await exists(paths.get(id)!)) !== gone, `file ${id} to be ${gone ? 'removed' : 'kept'}`);
    };
    released('uploads:progress', { rows: [{ id: 1, status: 'completed' }] }); // progress is not a settlement
    await settle(1, 'uploading', false);
    await settle(1, 'completed', true);
    expect(await exists(at('Card/A'))).toBe(false); // emptied: pruned
    await settle(2, 'failed', false); // may be retried or resumed: kept
    await settle(2, 'skipped', true);
    await settle(3, 'canceled', true);
    await settle(5, 'completed', false); // not in the spool: never touched
    expect(await readFile(paths.get(5)!, 'utf8')).toBe('hello');
    await settle(4, 'completed', true);
    expect(await exists(path.join(spool.root, dropId))).toBe(false); // the drop's folder went with its last file
    expect(await exists(spool.root)).toBe(true);
  });

  it('at start, sweeps the drops no unfinished journaled upload needs, and keeps those it does', async () => {
    const journalDir = path.join(work, 'journal');
    const journal = new Journal(journalDir);
    const interrupted = await spoolDrop(['clip.mov']);
    const failed = await spoolDrop(['bad.mov']);
    const finished = await spoolDrop(['done.mov']);
    const orphan = await spoolDrop(['never-uploaded.mov']);
    await writeFile(path.join(spool.root, 'not-a-drop.txt'), 'left alone');
    await journal.write(batchRecord('b1', [record(0, path.join(spool.root, interrupted, 'clip.mov'), 'uploading'), record(1, path.join(spool.root, finished, 'done.mov'), 'completed')]));
    await journal.write(batchRecord('b2', [record(0, path.join(spool.root, failed, 'bad.mov'), 'failed'), record(1, path.join(home, 'notes.txt'), 'completed')]));
    const removed = await sweepSpool(spool, journalDir);
    expect(removed).toEqual(expect.arrayContaining([finished, orphan])); // (and the earlier tests' finished drops)
    expect(removed).not.toEqual(expect.arrayContaining([interrupted]));
    expect(removed).not.toEqual(expect.arrayContaining([failed]));
    expect((await readdir(spool.root)).sort()).toEqual([failed, interrupted, 'not-a-drop.txt'].sort());
    expect(await readFile(path.join(home, 'notes.txt'), 'utf8')).toBe('hello');
  });
});

const exists = (p: string) => stat(p).then(() => true, () => false);
