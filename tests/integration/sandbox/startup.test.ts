// Startup: a failed start releases everything it took; one data folder serves one sandbox; bad options fail early.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import { createFile, startHarness, type Harness } from './helpers.js';

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

describe('sandbox startup', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-sb-start-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function start(opts: SandboxOptions): Promise<Harness> {
    const h = await startHarness(opts);
    cleanup.push(() => h.close());
    return h;
  }

  /** Expects startSandbox to reject; a sandbox that started anyway is closed, so a failing test leaks nothing. */
  async function startFailure(opts: SandboxOptions): Promise<string> {
    try {
      const sb = await startSandbox(opts);
      cleanup.push(() => sb.close());
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    return 'started';
  }

  async function blocker(): Promise<number> {
    const { port, server } = await occupiedPort();
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return port;
  }

  it('an API port in use fails clearly and closes the storage server it already started', async () => {
    const dataDir = await tempDir();
    const port = await blocker();
    const { port: storagePort, server } = await occupiedPort();
    await new Promise<void>((resolve) => server.close(() => resolve())); // a port known to be free
    expect(await startFailure({ dataDir, port, storagePort })).toBe(`API port ${port} is already in use`);
    expect(await canConnect(storagePort)).toBe(false);
    // Nothing of the failed start is left: the folder's lock is free again.
    expect(existsSync(join(dataDir, 'sandbox.lock'))).toBe(false);
    await start({ dataDir, storagePort });
  });

  it('a storage port in use fails clearly', async () => {
    const port = await blocker();
    expect(await startFailure({ dataDir: await tempDir(), storagePort: port })).toBe(`storage port ${port} is already in use`);
  });

  it('a data folder in use by a running sandbox is refused; its lock goes with close()', async () => {
    const dataDir = await tempDir();
    const lock = join(dataDir, 'sandbox.lock');
    const first = await start({ dataDir });
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(await startFailure({ dataDir })).toBe(
      `the sandbox data folder ${dataDir} is in use by process ${process.pid}; stop it or choose another --data folder`,
    );
    expect(await startFailure({ dataDir, reset: true })).toMatch(/is in use by process/);
    // The refused starts touched nothing: the first sandbox still holds its lock and its state.
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect((await first.api('/me')).status).toBe(200);
    await first.close();
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a process that is gone', async () => {
    const dataDir = await tempDir();
    const lock = join(dataDir, 'sandbox.lock');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(gone).toBeGreaterThan(0);
    writeFileSync(lock, String(gone));
    const h = await start({ dataDir });
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await h.close();
    expect(existsSync(lock)).toBe(false);
  });

  it('urlExpiresS beyond the SigV4 maximum (or below 1) is refused at start; the maximum itself works', async () => {
    const message = 'urlExpiresS must be between 1 and 604800 seconds (the SigV4 maximum)';
    expect(await startFailure({ urlExpiresS: 604_801 })).toBe(message);
    expect(await startFailure({ urlExpiresS: 0 })).toBe(message);
    const h = await start({ urlExpiresS: 604_800 });
    const file = await createFile(h, h.sb.rootAssetId, 'week.bin', 10);
    expect(new URL(file.upload_urls[0] ?? '').searchParams.get('X-Amz-Expires')).toBe('604800');
  });
});
