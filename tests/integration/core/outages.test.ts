// Outages that must not cost a user their upload: the network disappears mid-file (files wait without spending
// their retry budget and carry on by themselves), and the token is revoked mid-batch (the queue waits for a new one).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { NetworkGate, tcpProbe } from '../../../src/core/net/network-gate';
import { Pacer } from '../../../src/core/net/pacer';
import { UploadEngine } from '../../../src/core/upload/engine';
import { scanPaths } from '../../../src/core/upload/scan';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { parseSummary, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { TcpProxy } from '../../support/tcp-proxy';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
let sandbox: Sandbox;
let proxy: TcpProxy;
let work: string;

beforeAll(async () => {
  proxy = new TcpProxy();
  await proxy.plug();
  sandbox = await startSandbox({ partSizeBytes: MiB, storagePublicUrl: proxy.origin });
  proxy.targetPort = Number(new URL(sandbox.storageListenUrl).port);
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-outage-'));
});
afterAll(async () => {
  await proxy?.unplug();
  await sandbox?.close();
  await rm(work, { recursive: true, force: true });
});

const client = () => new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token });

describe('network outage', () => {
  it('waits for the network without spending retries, then completes by itself', async () => {
    const file = await makeFile(path.join(work, 'outage.mov'), 6 * MiB + 5);
    let probes = 0;
    const countingProbe = (url: string) => (probes++, tcpProbe(url));
    const api = new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token, pacer: new Pacer({ network: new NetworkGate(countingProbe) }) });
    const target = (await api.createFolder(sandbox.rootAssetId, `outage-${Date.now()}`)).id;
    const engine = new UploadEngine({ client: api, apiUrl: sandbox.apiUrl, journalDir: null, concurrency: 2 });
    const seen: string[] = [];
    const network: boolean[] = [];
    engine.on((event) => {
      if (event.type === 'state') seen.push(event.file.status);
      if (event.type === 'network') network.push(event.online);
    });
    sandbox.setFaults({ seed: 8, putSlow: 1, slowBytesPerSec: 2 * MiB });
    try {
      const done = engine.upload({ scan: await scanPaths([file]), targetFolderId: target });
      await waitFor(() => (engine.files[0]?.partsDone.size ?? 0) >= 1, 'a part acknowledged');
      await proxy.unplug();
      await waitFor(() => seen.includes('offline'), 'the file to wait for the network');
      // A real outage lasts a while: several probes find nobody, and nothing may fail meanwhile.
      const probesBefore = probes;
      await waitFor(() => probes >= probesBefore + 3, 'three more probes of the storage host');
      expect(engine.files[0]?.status).toBe('offline');
      await proxy.plug();
      const report = await done;
      expect(report.completed).toBe(1);
      expect(report.files.at(0)?.retries).toBe(0); // waiting for the network spent no retry budget
      expect(network).toEqual([false, true]);
      const asset = await api.getAsset(report.files.at(0)?.assetId as string);
      expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(file));
    } finally {
      sandbox.setFaults({});
      await proxy.plug().catch(() => undefined);
    }
  });
});

describe('stalled connection', () => {
  it('aborts a part whose connection stops moving bytes and sends it again on a fresh one', async () => {
    const file = await makeFile(path.join(work, 'stall.mov'), 4 * MiB + 1);
    const api = client();
    const target = (await api.createFolder(sandbox.rootAssetId, `stall-${Date.now()}`)).id;
    const engine = new UploadEngine({ client: api, apiUrl: sandbox.apiUrl, journalDir: null, concurrency: 2, partIdleTimeoutMs: 1_000 });
    sandbox.setFaults({ seed: 8, putSlow: 1, slowBytesPerSec: 2 * MiB });
    try {
      const done = engine.upload({ scan: await scanPaths([file]), targetFolderId: target });
      await waitFor(() => (engine.files[0]?.partsDone.size ?? 0) >= 1, 'a part acknowledged');
      proxy.freezeOpenConnections();
      const report = await done;
      expect(report.completed).toBe(1);
      expect(report.files.at(0)?.retries).toBeGreaterThanOrEqual(1);
      const asset = await api.getAsset(report.files.at(0)?.assetId as string);
      expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(file));
    } finally {
      sandbox.setFaults({});
    }
  });
});

describe('token revoked mid-batch', () => {
  it('the engine asks once for a new token, then every file completes', async () => {
    const root = path.join(work, 'revoked');
    for (let i = 0; i < 12; i++) await makeFile(path.join(root, `r${i}.wav`), 50_000 + i);
    const api = client();
    const target = (await api.createFolder(sandbox.rootAssetId, `revoked-${Date.now()}`)).id;
    let asked = 0;
    const engine = new UploadEngine({
      client: api,
      apiUrl: sandbox.apiUrl,
      journalDir: null,
      concurrency: 2,
      requestToken: async () => {
        asked++;
        return sandbox.token; // what a user would paste after signing in again
      },
    });
    let rotated = false;
    // Revoke right after the first asset exists: most creates (4 at a time) and every confirmation come after it.
    engine.on((event) => {
      if (event.type === 'state' && event.file.status === 'uploading' && !rotated) {
        rotated = true;
        sandbox.rotateToken();
      }
    });
    const report = await engine.upload({ scan: await scanPaths([root]), targetFolderId: target });
    expect(rotated).toBe(true);
    expect(asked).toBe(1);
    expect(report.completed).toBe(12);
    expect(await client().listChildren((await client().listChildren(target))[0]?.id as string)).toHaveLength(12);
  });

  it('the CLI off a terminal stops cleanly, keeps the batch, and `ferry resume` with the new token finishes it', async () => {
    const root = path.join(work, 'revoked-cli');
    for (let i = 0; i < 10; i++) await makeFile(path.join(root, `c${i}.wav`), 400_000 + i);
    const target = (await client().createFolder(sandbox.rootAssetId, `revoked-cli-${Date.now()}`)).id;
    const stateDir = path.join(work, 'revoked-state');
    const oldToken = sandbox.token;
    const assetsBefore = Object.keys(sandbox.stats().partPuts).length;
    sandbox.setFaults({ seed: 8, putSlow: 1, slowBytesPerSec: 1 * MiB });
    let result;
    try {
      const running = runFerry(['--api', sandbox.apiUrl, '--json', 'upload', root, '--to', target, '--concurrency', '2'], { FRAMEIO_TOKEN: oldToken, FERRY_STATE_DIR: stateDir });
      await waitFor(() => Object.keys(sandbox.stats().partPuts).length >= assetsBefore + 2, 'two assets receiving parts');
      sandbox.rotateToken();
      result = await running;
    } finally {
      sandbox.setFaults({});
    }
    expect(result.code).toBe(1);
    const summary = parseSummary(result);
    expect(summary.unfinished + summary.failed).toBeGreaterThan(0);
    expect(summary.files.find((f) => f.outcome !== 'completed')?.error).toMatch(/rejected the token|401|Unauthorized/i);
    const resumed = await runFerry(['--api', sandbox.apiUrl, '--json', 'resume'], { FRAMEIO_TOKEN: sandbox.token, FERRY_STATE_DIR: stateDir });
    expect(resumed.code, resumed.stderr).toBe(0);
    const folder = (await client().listChildren(target))[0]?.id as string;
    const files = await client().listChildren(folder);
    expect(files).toHaveLength(10);
    expect(files.every((f) => f.uploadComplete)).toBe(true);
  });
});
