import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xxhash from 'xxhash-wasm';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox/index.js';
import { startSandboxWith, type SandboxInternals } from '../../../src/sandbox/start.js';
import { waitFor } from '../../support/wait.js';

export interface Harness {
  sb: Sandbox;
  dataDir: string;
  api: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  close: () => Promise<void>;
}

/** Starts a sandbox on random ports in a fresh temp dir; close() stops it and removes the dir. */
export async function startHarness(opts: SandboxOptions = {}, internals: SandboxInternals = {}): Promise<Harness> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ferry-sb-test-')));
  const sb = await startSandboxWith({ ...opts, dataDir }, internals);
  const api = (path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${sb.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${sb.apiUrl}${path}`, { ...init, headers, body });
  };
  return {
    sb,
    dataDir,
    api,
    close: async () => {
      await sb.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A PUT with exactly the headers given (node:http adds only Host, plus Content-Length if we set it). */
export function rawPut(url: string, headers: Record<string, string>, body: Buffer, opts: { chunked?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.chunked) {
      req.write(body);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** The headers Frame.io's part URLs require: exact length, the asset's filetype, x-amz-acl private. */
export function partHeaders(filetype: string, length: number): Record<string, string> {
  return { 'content-type': filetype, 'x-amz-acl': 'private', 'content-length': String(length) };
}

/** Part i of `data` under the ceil rule. */
export function partSlice(data: Buffer, partCount: number, i: number): Buffer {
  const chunk = Math.ceil(data.length / partCount);
  return data.subarray(i * chunk, Math.min((i + 1) * chunk, data.length));
}

export function xmlCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

export function xmlMessage(body: string): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
}

export interface CreatedFile {
  id: string;
  upload_urls: string[];
  filetype: string;
}

export async function createFile(h: Harness, parentId: string, name: string, size: number, filetype = 'application/octet-stream'): Promise<CreatedFile> {
  const res = await h.api(`/assets/${parentId}/children`, { method: 'POST', json: { type: 'file', name, filetype, filesize: size } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedFile;
}

export async function uploadAll(file: CreatedFile, data: Buffer): Promise<RawResponse[]> {
  const n = file.upload_urls.length;
  return Promise.all(
    file.upload_urls.map((url, i) => {
      const body = partSlice(data, n, i);
      return rawPut(url, partHeaders(file.filetype, body.length), body);
    }),
  );
}

export async function getAsset(h: Harness, id: string): Promise<Record<string, unknown>> {
  const res = await h.api(`/assets/${id}`);
  return (await res.json()) as Record<string, unknown>;
}

export function randomBytesOf(size: number, seed = 7): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >>> 16;
  }
  return b;
}

export interface TcpSocket {
  localPort: number;
  remotePort: number;
  /** The kernel's state code: '01' established, '0A' listening. */
  state: string;
  /** Bytes sent but not yet acknowledged by the peer (or not yet sent). */
  txQueue: number;
  /** Bytes received that the process has not read yet. */
  rxQueue: number;
  inode: string;
}

/** Every TCP socket of this process's network namespace, from /proc/self/net/tcp{,6}. */
export function tcpSockets(): TcpSocket[] {
  const port = (address: string | undefined) => parseInt(address?.split(':').at(-1) ?? '', 16);
  const sockets: TcpSocket[] = [];
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const [tx, rx] = (f[4] ?? '0:0').split(':');
      sockets.push({ localPort: port(f[1]), remotePort: port(f[2]), state: f[3] ?? '', txQueue: parseInt(tx ?? '0', 16), rxQueue: parseInt(rx ?? '0', 16), inode: f[9] ?? '' });
    }
  }
  return sockets;
}

/** Socket inodes this process holds open (its file descriptors that are sockets). */
export function ownSocketInodes(): Set<string> {
  const ours = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
      if (inode) ours.add(inode);
    } catch {
      // closed while we looked
    }
  }
  return ours;
}

/** xxHash64 (seed 0) of the whole buffer in one call, as Frame.io's 16 hex digits: independent of the sandbox's streaming hasher. */
export async function xxHash64Of(data: Buffer): Promise<string> {
  const { h64Raw } = await xxhash();
  return h64Raw(data).toString(16).padStart(16, '0');
}

/** Polls the asset until its checksum lands (it is computed in the background after completion). */
export async function waitForChecksum(h: Harness, id: string, ms = 10_000): Promise<string> {
  let hash: string | null | undefined;
  await waitFor(async () => {
    hash = ((await getAsset(h, id)).checksums as { xx_hash?: string | null } | null)?.xx_hash;
    return Boolean(hash);
  }, `the checksum of asset ${id}`, ms);
  return hash as string;
}
