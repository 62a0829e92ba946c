// The ferry command as a user meets it: whoami, ls, the sandbox command, and one clear line for every bad input.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { FERRY_BIN, parseSummary, runFerry } from '../../support/cli';

let sandbox: Sandbox;
let work: string;
const ferry = (args: string[], token = sandbox.token) => runFerry(['--api', sandbox.apiUrl, ...args], { FRAMEIO_TOKEN: token });
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

beforeAll(async () => {
  sandbox = await startSandbox();
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-cli-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(work, { recursive: true, force: true });
});

describe('ferry commands', () => {
  it('whoami names the token owner', async () => {
    const result = await ferry(['--json', 'whoami']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'Demo User', account_id: sandbox.accountId });
  });

  it('ls --tree shows the seeded demo project', async () => {
    const result = await ferry(['ls', sandbox.rootAssetId, '--tree']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Day 1/);
    expect(result.stdout).toMatch(/^\s+.*Cam A/m); // indented under Day 1
    const json = JSON.parse((await ferry(['--json', 'ls', sandbox.rootAssetId])).stdout) as Array<{ name: string; type: string }>;
    expect(json.map((a) => a.name)).toContain('Day 1');
  });

  it('refuses a bad token in one clear line', async () => {
    const result = await ferry(['whoami'], 'fio-u-not-a-real-token');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ferry: Frame.io rejected the token \(401/);
    expect(result.stderr).not.toContain('fio-u-not-a-real-token');
    noStackTrace(result.stderr);
  });

  it('explains a missing token', async () => {
    const result = await runFerry(['whoami']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No Frame.io token');
  });

  it('names an unknown asset id', async () => {
    const file = path.join(work, 'a.txt');
    await writeFile(file, 'hello');
    const result = await ferry(['upload', file, '--to', '11111111-2222-3333-4444-555555555555']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No asset 11111111-2222-3333-4444-555555555555 \(404/);
    noStackTrace(result.stderr);
  });

  it('says which path is missing, and which file is empty, and still uploads the rest', async () => {
    const good = path.join(work, 'good.txt');
    const empty = path.join(work, 'empty.txt');
    await writeFile(good, 'good bytes');
    await writeFile(empty, '');
    const missing = path.join(work, 'missing.mov');
    const result = await ferry(['--json', 'upload', good, empty, missing, '--to', sandbox.rootAssetId]);
    expect(result.code).toBe(1);
    const summary = parseSummary(result);
    expect(summary.completed).toBe(1);
    expect(summary.failed).toBe(2);
    const byPath = new Map(summary.files.map((f) => [f.path, f]));
    expect(byPath.get(good)?.outcome).toBe('completed');
    expect(byPath.get(empty)?.error).toMatch(/empty \(0 bytes\)/);
    expect(byPath.get(missing)?.error).toMatch(/no such file or folder/);
  });

  it('reports a network failure in one line', async () => {
    const result = await runFerry(['--api', 'http://127.0.0.1:9/v2', 'whoami'], { FRAMEIO_TOKEN: 'fio-u-x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ferry: Cannot reach Frame.io at http:\/\/127.0.0.1:9\/v2: .*ECONNREFUSED/);
    noStackTrace(result.stderr);
  });

  it('rejects a file as the destination', async () => {
    const children = JSON.parse((await ferry(['--json', 'ls', sandbox.rootAssetId, '--tree'])).stdout) as Array<{ id: string; type: string; children?: unknown[] }>;
    const flat = (nodes: Array<{ id: string; type: string; children?: unknown[] }>): Array<{ id: string; type: string }> =>
      nodes.flatMap((n) => [n, ...flat((n.children ?? []) as never)]);
    const file = flat(children).find((a) => a.type === 'file');
    expect(file).toBeDefined();
    const result = await ferry(['upload', path.join(work, 'good.txt'), '--to', file?.id ?? '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a file .* it must be a folder/);
  });

  it('`ferry sandbox --json` prints one ready line, serves, and stops on Ctrl-C', async () => {
    const data = path.join(work, 'sandbox-data');
    const child = spawn(process.execPath, [FERRY_BIN, '--json', 'sandbox', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
      });
      const ready = JSON.parse(line) as { api: string; token: string; root_asset_id: string };
      expect(ready.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
      const ls = await runFerry(['--api', ready.api, '--json', 'ls', ready.root_asset_id], { FRAMEIO_TOKEN: ready.token });
      expect(ls.code, ls.stderr).toBe(0);
      expect((JSON.parse(ls.stdout) as unknown[]).length).toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

