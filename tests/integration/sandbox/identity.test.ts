// A sandbox's identity outlives its ports ("Trust under fire", finding 2): the id lives in its data folder, so a
// journal can tell "the same sandbox on another port" from "another sandbox". Given in the handle (`id`) and at
// GET /_sandbox/identity (with a credential, like every /_sandbox/ route).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

// Each sandbox is closed once (a second close would release the lock of the next sandbox on its folder).
const running: Harness[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.sb.close();
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(dataDir?: string, rememberPorts = false): Promise<Harness> {
  const h = await startHarness({ ...(dataDir ? { dataDir } : {}), rememberPorts });
  running.push(h);
  folders.push(h.dataDir);
  return h;
}

async function stop(h: Harness): Promise<void> {
  running.splice(running.indexOf(h), 1);
  await h.sb.close();
}

/** GET /_sandbox/identity with the demo token, another token, or none (null). */
async function identity(h: Harness, token: string | null = h.sb.token): Promise<Response> {
  const origin = h.sb.apiUrl.replace(/\/v2$/, '');
  return fetch(`${origin}/_sandbox/identity`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

describe('sandbox identity', () => {
  it('is the same after a restart on other ports, and differs between data folders', async () => {
    const first = await start();
    const id = first.sb.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const answer = await identity(first);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id });
    const oldApi = first.sb.apiUrl;
    await stop(first);

    const again = await start(first.dataDir);
    expect(again.sb.apiUrl).not.toBe(oldApi);
    expect(again.sb.id).toBe(id);
    expect(await (await identity(again)).json()).toEqual({ id });

    const other = await start();
    expect(other.sb.id).not.toBe(id);
  });

  it('needs a credential', async () => {
    const h = await start();
    expect((await identity(h, null)).status).toBe(401);
    expect((await identity(h, 'not-a-token')).status).toBe(401);
    expect((await identity(h, h.sb.legacyToken)).status).toBe(200);
  });

  it('a data folder from a sandbox that had no id gets one, kept from then on', async () => {
    const h = await start();
    await stop(h);
    const statePath = join(h.dataDir, 'state.json');
    const state = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    delete state.sandboxId;
    await writeFile(statePath, JSON.stringify(state), { mode: 0o600 });
    const upgraded = await start(h.dataDir);
    const id = upgraded.sb.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await stop(upgraded);
    const later = await start(h.dataDir);
    expect(later.sb.id).toBe(id);
  });

  it('rememberPorts: the next start on the folder takes the same ports (so journaled part URLs still lead somewhere); taken ones are replaced', async () => {
    const first = await start(undefined, true);
    const { apiUrl, storageUrl } = first.sb;
    await stop(first);
    const again = await start(first.dataDir, true);
    expect([again.sb.apiUrl, again.sb.storageUrl]).toEqual([apiUrl, storageUrl]);
    await stop(again);

    // Someone else took the API port meanwhile: a new one, not a failed start; the storage port is still ours.
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(new URL(apiUrl).port), '127.0.0.1', resolve));
    try {
      const moved = await start(first.dataDir, true);
      expect(moved.sb.apiUrl).not.toBe(apiUrl);
      expect(moved.sb.storageUrl).toBe(storageUrl);
      expect(moved.sb.id).toBe(first.sb.id);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
