import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import type { SandboxState } from './types.js';

/** Text gathered before each write(2): big enough to keep writes few, small enough to stay out of the heap's way. */
export const STATE_WRITE_CHUNK_CHARS = 256 * 1024;

/**
 * Writes state.json the way writeJsonAtomic does (temp, fsync, rename) without ever holding it as one string: the
 * assets go one by one (one line each) into chunks of about STATE_WRITE_CHUNK_CHARS. At 100,000 assets the whole
 * file as one pretty-printed string was ~60 MB of heap plus as much again as a Buffer, every few seconds.
 * Everything but the assets is small and stays pretty-printed. Returns the number of write calls (tests).
 */
export function writeStateAtomic(path: string, state: SandboxState): number {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  let writes = 0;
  let pending = '';
  const put = (text: string): void => {
    pending += text;
    if (pending.length >= STATE_WRITE_CHUNK_CHARS) flush();
  };
  const flush = (): void => {
    if (pending === '') return;
    writeAll(fd, pending);
    writes += 1;
    pending = '';
  };
  try {
    put('{');
    let first = true;
    for (const [key, value] of Object.entries(state)) {
      if (value === undefined) continue;
      put(`${first ? '' : ','}\n  ${JSON.stringify(key)}: `);
      first = false;
      if (key === 'assets') putAssets(put, value as SandboxState['assets']);
      else put(JSON.stringify(value, null, 2).replace(/\n/g, '\n  '));
    }
    put('\n}\n');
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return writes;
}

function putAssets(put: (text: string) => void, assets: SandboxState['assets']): void {
  put('{');
  let first = true;
  // for…in, not Object.entries: no array of every [id, asset] pair.
  for (const id in assets) {
    put(`${first ? '' : ','}\n    ${JSON.stringify(id)}: ${JSON.stringify(assets[id])}`);
    first = false;
  }
  put(first ? '}' : '\n  }');
}

/** writeSync may write less than asked (a full disk, a signal): the rest follows, or it throws. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}
