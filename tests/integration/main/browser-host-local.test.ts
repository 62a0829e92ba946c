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
import type { Handlers } from '../../../src/main/ipc/register-handlers';

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
