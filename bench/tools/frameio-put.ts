// Reference uploaders for the bench, run as their own process (like ferry) so they are measured the same way.
// Nothing around the bytes: no retry, no progress, no completion check.
//
//   node --import tsx bench/tools/frameio-put.ts --api URL --token T --to ID --mode bare|sdk [--concurrency N] PATH
//
// bare: the ceiling. Up to N files at once (create, then PUT their parts) under one cap of N parts in flight.
// sdk:  the official legacy SDK's pattern. One file at a time: create, then its parts 5 at a time.
// PATH is a file, or a folder whose tree goes into a new folder of the same name under --to (a folder created per
// subfolder, parents first, before any file).
// Prints one JSON line: {"files","bytes","parts"}.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import http from 'node:http';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    api: { type: 'string' },
    token: { type: 'string' },
    to: { type: 'string' },
    mode: { type: 'string', default: 'bare' },
    concurrency: { type: 'string' },
  },
});
const api = values.api ?? '';
const token = values.token ?? '';
const mode = values.mode === 'sdk' ? 'sdk' : 'bare';
const concurrency = Number(values.concurrency ?? (mode === 'sdk' ? 5 : 8));
const target = positionals[0];
if (!api || !token || !values.to || !target) {
  console.error('usage: frameio-put.ts --api URL --token T --to ID --mode bare|sdk [--concurrency N] PATH');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

interface CreatedAsset {
  id: string;
  filetype: string | null;
  upload_urls?: string[];
}

async function create(parentId: string, body: Record<string, unknown>): Promise<CreatedAsset> {
  const res = await fetch(`${api}/assets/${parentId}/children`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`create ${String(body.name)}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as CreatedAsset;
}

function put(url: string, path: string, start: number, end: number, contentType: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PUT',
      agent,
      headers: { 'content-type': contentType, 'x-amz-acl': 'private', 'content-length': String(end - start) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => {
        if (res.statusCode === 200) resolve();
        else reject(new Error(`PUT ${new URL(url).pathname}: HTTP ${String(res.statusCode)} ${body.slice(0, 200)}`));
      });
    });
    const src = createReadStream(path, { start, end: end - 1, highWaterMark: 1024 * 1024 });
    src.on('error', (e) => req.destroy(e));
    src.pipe(req);
  });
}

/** A counting semaphore: at most `n` callers inside at once, FIFO. */
function semaphore(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    else active += 1;
    try {
      return await fn();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

interface LocalFile {
  path: string;
  size: number;
  parentId: string;
}

let parts = 0;

async function uploadFile(f: LocalFile, partSlot: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  const asset = await create(f.parentId, { type: 'file', name: basename(f.path), filetype: 'application/octet-stream', filesize: f.size });
  const urls = asset.upload_urls ?? [];
  if (!urls.length) throw new Error(`create ${f.path}: no upload_urls`);
  const chunk = Math.ceil(f.size / urls.length);
  const contentType = asset.filetype ?? 'application/octet-stream';
  await Promise.all(
    urls.map((url, i) =>
      partSlot(() => put(url, f.path, i * chunk, Math.min((i + 1) * chunk, f.size), contentType)).then(() => {
        parts += 1;
      }),
    ),
  );
}

/** The tree under `dir`: a folder is created for each subfolder (parents first), its files uploaded into it. */
async function walk(dir: string, parentId: string, out: LocalFile[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(path, (await create(parentId, { type: 'folder', name: e.name })).id, out);
    else if (e.isFile()) out.push({ path, size: (await stat(path)).size, parentId });
  }
}

async function main(): Promise<void> {
  const root = target as string;
  const st = await stat(root);
  const files: LocalFile[] = [];
  if (st.isDirectory()) await walk(root, (await create(values.to as string, { type: 'folder', name: basename(root) })).id, files);
  else files.push({ path: root, size: st.size, parentId: values.to as string });

  if (mode === 'sdk') {
    for (const f of files) await uploadFile(f, semaphore(concurrency));
  } else {
    const partSlot = semaphore(concurrency);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const f = files[next++] as LocalFile;
        await uploadFile(f, partSlot);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  }
  agent.destroy();
  console.log(JSON.stringify({ files: files.length, bytes: files.reduce((s, f) => s + f.size, 0), parts }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
