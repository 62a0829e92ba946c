// The foundation's "done when", literally: `ferry sandbox` (its own process, with faults injected) plus
// `ferry upload <a 1 GiB file> --to <root>` completes, the stitched original's sha256 equals the local file's, and
// no duplicate asset is left behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { FERRY_BIN, parseSummary, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';

const GiB = 1024 ** 3;
let work: string;
let child: ChildProcess | null = null;
let ready: { api: string; token: string; root_asset_id: string };

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-1gib-'));
  child = spawn(
    process.execPath,
    [FERRY_BIN, '--json', 'sandbox', '--data', path.join(work, 'data'), '--faults', 'seed=11,put503=0.05,put500=0.03,putReset=0.03,api429=0.05,retryAfterS=0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child?.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child?.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  ready = JSON.parse(line) as typeof ready;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(work, { recursive: true, force: true });
});

describe('1 GiB through a separate `ferry sandbox` with faults injected', () => {
  it('completes byte-for-byte with no duplicates', async () => {
    const file = await makeFile(path.join(work, 'A001_C001.mov'), GiB + 4321);
    const result = await runFerry(['--api', ready.api, '--json', 'upload', file, '--to', ready.root_asset_id], { FRAMEIO_TOKEN: ready.token });
    const summary = parseSummary(result);
    expect(result.code, result.stderr).toBe(0);
    expect(summary.files[0]).toMatchObject({ outcome: 'completed', size: GiB + 4321 });
    expect(summary.files[0]?.retries).toBeGreaterThan(0); // the faults really hit this upload

    const client = new V2Client({ baseUrl: ready.api, token: ready.token });
    const same = (await client.listChildren(ready.root_asset_id)).filter((a) => a.name === 'A001_C001.mov');
    expect(same).toHaveLength(1);
    const asset = await client.getAsset(summary.files[0]?.asset_id as string);
    expect(asset.uploadComplete).toBe(true);
    expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(file));
  });
});
