// The proof, from the sandbox's own records: every asset under the run's folder read back through the API (its
// upload state and the xxHash64 the sandbox computed over the stored parts), every complete one's stitched bytes
// hashed (sha256 and xxHash64), and each local file judged: complete once and identical to one of the contents it
// had, or reported failed with a reason. Anything else is corrupt, duplicated, lost or an orphan placeholder.
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { V2Client } from '../../src/core/frameio/v2-client';
import type { Asset } from '../../src/core/frameio/types';
import type { LocalFile, RunContext } from './context';
import { type Hashes, hashStream } from './data';

export interface Verdict {
  complete: number;
  /** Reported failed with a reason (e.g. changed while uploading) and absent remotely. */
  failed: number;
  corrupt: string[];
  duplicated: string[];
  lost: string[];
  orphans: string[];
}

async function walk(client: V2Client, folderId: string): Promise<Map<string, Asset[]>> {
  const byPath = new Map<string, Asset[]>();
  const visit = async (id: string, prefix: string): Promise<void> => {
    for (const child of await client.listChildren(id)) {
      const key = prefix ? `${prefix}/${child.name}` : child.name;
      if (child.type === 'folder') await visit(child.id, key);
      else byPath.set(key, [...(byPath.get(key) ?? []), child]);
    }
  };
  await visit(folderId, '');
  return byPath;
}

async function hashOriginal(url: string): Promise<Hashes> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`GET original → ${response.status}`);
  return hashStream(Readable.fromWeb(response.body as ReadableStream<Uint8Array>));
}

const same = (a: Hashes, b: Hashes) => a.size === b.size && a.sha256 === b.sha256 && a.xxh64 === b.xxh64;

/** Waits (bounded) for the sandbox to finish hashing completed files: its checksum is part of what is compared. */
async function settledTree(client: V2Client, folderId: string, log: (line: string) => void): Promise<Map<string, Asset[]>> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const tree = await walk(client, folderId);
    const waiting = [...tree.values()].flat().filter((a) => a.uploadComplete && a.xxHash === null).length;
    if (waiting === 0 || Date.now() > deadline) {
      if (waiting) log(`verify: ${waiting} complete assets still have no checksum from the sandbox`);
      return tree;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Complete once per content: a file changed after it was uploaded may be there twice, once per version (the skip
 * policy leaves out only a file of the same size), but no version twice, and nothing that is no version at all. */
async function judge(file: LocalFile, assets: Asset[], verdict: Verdict): Promise<void> {
  const complete = assets.filter((a) => a.uploadComplete);
  if (complete.length === 0) {
    if (file.outcome === 'failed' && file.error) verdict.failed++;
    else verdict.lost.push(`${file.remote} (last outcome ${file.outcome ?? 'none'})`);
    return;
  }
  const seen = new Set<number>();
  for (const asset of complete) {
    const stored = await hashOriginal(asset.originalUrl as string);
    const version = file.versions.findIndex((v) => same(v, stored));
    const sandboxSays = asset.xxHash?.toLowerCase() ?? stored.xxh64;
    if (version < 0 || sandboxSays !== stored.xxh64) return void verdict.corrupt.push(`${file.remote} (stored sha256 ${stored.sha256.slice(0, 12)}…, ${stored.size} B)`);
    if (seen.has(version)) return void verdict.duplicated.push(`${file.remote} (${complete.length} assets, one content twice)`);
    seen.add(version);
  }
  verdict.complete++;
}

export async function verify(ctx: RunContext): Promise<Verdict> {
  const client = new V2Client({ baseUrl: ctx.host.info.apiUrl, token: ctx.host.token });
  const tree = await settledTree(client, ctx.targetFolderId, ctx.log);
  const verdict: Verdict = { complete: 0, failed: 0, corrupt: [], duplicated: [], lost: [], orphans: [] };
  const expected = new Set<string>();
  for (const file of ctx.files.values()) {
    expected.add(file.remote);
    await judge(file, tree.get(file.remote) ?? [], verdict);
  }
  for (const [remote, assets] of tree) {
    for (const a of assets) if (!a.uploadComplete) verdict.orphans.push(`${remote} (${a.id})`);
    // A complete asset no local file accounts for is a copy under another name ("name (1).mov"): a duplicate.
    if (!expected.has(remote) && assets.some((a) => a.uploadComplete)) verdict.duplicated.push(`${remote} (no such local file)`);
  }
  return verdict;
}
