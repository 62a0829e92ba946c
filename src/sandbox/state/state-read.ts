import { readFileSync } from 'node:fs';
import type { AssetRecord } from './types.js';

const ASSETS_OPEN = '\n  "assets": {\n';

/**
 * Reads state.json, or undefined when there is none. The file writeStateAtomic writes (one asset a line) is read a
 * line at a time from its bytes, never as one string of the whole file (at 100,000 assets: 55 MB of heap for the
 * string, on top of the bytes), and each asset's repeated strings (parent, project, creator, media type, equal
 * timestamps) are shared, as they are in a sandbox that made them. Any other layout (older, pretty-printed files)
 * is parsed whole, as before.
 */
export function readStateFile(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return byLines(bytes) ?? (JSON.parse(bytes.toString('utf8')) as unknown);
}

function byLines(bytes: Buffer): Record<string, unknown> | undefined {
  const open = bytes.indexOf(ASSETS_OPEN);
  if (open === -1) return undefined;
  const assets: Record<string, AssetRecord> = {};
  const share = sharer();
  let pos = open + ASSETS_OPEN.length;
  let close: string | undefined;
  for (;;) {
    const end = bytes.indexOf('\n', pos);
    if (end === -1) return undefined;
    const line = bytes.toString('utf8', pos, end);
    pos = end + 1;
    if (line === '  }' || line === '  },') {
      close = line.slice(3);
      break;
    }
    if (!line.startsWith('    "') || !(line.endsWith('}') || line.endsWith('},'))) return undefined;
    let entry: Record<string, AssetRecord>;
    try {
      entry = JSON.parse(`{${line.endsWith(',') ? line.slice(0, -1) : line}}`) as Record<string, AssetRecord>;
    } catch {
      return undefined;
    }
    for (const id in entry) {
      const asset = entry[id];
      if (asset) assets[id] = share(asset);
    }
  }
  const rest = `${bytes.toString('utf8', 0, open)}\n  "assets": {}${close ?? ''}\n${bytes.toString('utf8', pos)}`;
  let state: Record<string, unknown>;
  try {
    state = JSON.parse(rest) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  state.assets = assets;
  return state;
}

/** Makes equal strings of asset records one string (a parent id per folder, not per file). */
function sharer(): (a: AssetRecord) => AssetRecord {
  const seen = new Map<string, string>();
  const one = <T extends string | null>(s: T): T => {
    if (s === null) return s;
    const known = seen.get(s);
    if (known !== undefined) return known as T;
    seen.set(s, s);
    return s;
  };
  return (a) => {
    a.parentId = one(a.parentId);
    a.projectId = one(a.projectId);
    a.creatorId = one(a.creatorId);
    a.filetype = one(a.filetype);
    if (a.updatedAt === a.uploadCompletedAt) a.updatedAt = a.uploadCompletedAt;
    else if (a.updatedAt === a.insertedAt) a.updatedAt = a.insertedAt;
    return a;
  };
}
