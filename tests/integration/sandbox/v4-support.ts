// What the sandbox's V4 tests stand on: a sandbox in a temp folder, the conformance proxy in front of its /v4 (every
// exchange checked against Frame.io's published spec), and a fetch helper that goes through the proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { startConformanceProxy, type ConformanceProxy } from '../../support/v4-conformance.js';

export type Json = Record<string, unknown>;

export interface V4Harness {
  sb: Sandbox;
  proxy: ConformanceProxy;
  /** `path` under /v4 (e.g. "/me"), through the proxy, with the access token unless the init names another. */
  api: (path: string, init?: RequestInit & { json?: unknown; token?: string }) => Promise<Response>;
  /** GET → parsed JSON, failing on a non-2xx answer. */
  get: <T = Json>(path: string) => Promise<T>;
  close: () => Promise<void>;
}

export async function startV4(opts: SandboxOptions = {}): Promise<V4Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ferry-sb-v4-'));
  const sb = await startSandbox({ ...opts, dataDir });
  const proxy = await startConformanceProxy(sb.apiV4Url);
  const api = (path: string, init: RequestInit & { json?: unknown; token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${init.token ?? sb.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const target = path.startsWith('/v4/') ? path.slice('/v4'.length) : path;
    return fetch(`${proxy.apiUrl}${target}`, { ...init, headers, body });
  };
  const get = async <T = Json>(path: string): Promise<T> => {
    const res = await api(path);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    sb,
    proxy,
    api,
    get,
    close: async () => {
      await proxy.close();
      await sb.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The part PUT Frame.io's URLs require: exact length, the media type the create answered, x-amz-acl private. */
export function putPart(url: string, mediaType: string, body: Buffer): Promise<Response> {
  return fetch(url, { method: "PUT", body: new Uint8Array(body), headers: { 'content-type': mediaType, 'x-amz-acl': 'private' } });
}

export interface UploadUrl {
  size: number;
  url: string;
}

/** Puts `data` through the URLs by their own sizes (offsets add up), one PUT per part, all at once. */
export async function putParts(parts: UploadUrl[], mediaType: string, data: Buffer): Promise<number[]> {
  let offset = 0;
  const slices = parts.map((p) => {
    const slice = data.subarray(offset, offset + p.size);
    offset += p.size;
    return slice;
  });
  return Promise.all(parts.map(async (p, i) => (await putPart(p.url, mediaType, slices[i] as Buffer)).status));
}
