// The ferry command as a user meets it: whoami, ls, the sandbox command, and one clear line for every bad input.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { FERRY_BIN, interruptFerry, parseSummary, runFerry } from '../../support/cli';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';

const fx = useSandbox({}, 'ferry-cli-');
const ferry = (args: string[], token = fx.sandbox.token) => runFerry(['--api', fx.sandbox.apiUrl, ...args], { FRAMEIO_TOKEN: token });
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('ferry commands', () => {
  it('whoami names the token owner', async () => {
    const result = await ferry(['--json', 'whoami']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'Demo User', account_id: fx.sandbox.accountId });
  });

  it('ls --tree shows the seeded demo project', async () => {
    const result = await ferry(['ls', fx.sandbox.rootAssetId, '--tree']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Day 1/);
    expect(result.stdout).toMatch(/^\s+.*Cam A/m); // indented under Day 1
    const json = JSON.parse((await ferry(['--json', 'ls', fx.sandbox.rootAssetId])).stdout) as Array<{ name: string; type: string }>;
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
    const file = path.join(fx.work, 'a.txt');
    await writeFile(file, 'hello');
    const result = await ferry(['upload', file, '--to', '11111111-2222-3333-4444-555555555555']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No asset 11111111-2222-3333-4444-555555555555 \(404/);
    noStackTrace(result.stderr);
  });

  it('says which path is missing, and which file is empty, and still uploads the rest', async () => {
    const good = path.join(fx.work, 'good.txt');
    const empty = path.join(fx.work, 'empty.txt');
    await writeFile(good, 'good bytes');
    await writeFile(empty, '');
    const missing = path.join(fx.work, 'missing.mov');
    const result = await ferry(['--json', 'upload', good, empty, missing, '--to', fx.sandbox.rootAssetId]);
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
    const children = JSON.parse((await ferry(['--json', 'ls', fx.sandbox.rootAssetId, '--tree'])).stdout) as Array<{ id: string; type: string; children?: unknown[] }>;
    const flat = (nodes: Array<{ id: string; type: string; children?: unknown[] }>): Array<{ id: string; type: string }> =>
      nodes.flatMap((n) => [n, ...flat((n.children ?? []) as never)]);
    const file = flat(children).find((a) => a.type === 'file');
    expect(file).toBeDefined();
    const local = path.join(fx.work, 'to-a-file.txt');
    await writeFile(local, 'bytes');
    const result = await ferry(['upload', local, '--to', file?.id ?? '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a file .* it must be a folder/);
  });

  it('`ferry sandbox --json` prints one ready line, serves, and stops on Ctrl-C', async () => {
    const data = path.join(fx.work, 'sandbox-data');
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


describe('versions, imports and discarding work', () => {
  it('--version-of stacks a new version onto an existing file', async () => {
    const v1 = path.join(fx.work, 'cut-v1', 'cut.mov');
    const v2 = path.join(fx.work, 'cut-v2', 'cut.mov');
    await mkdir(path.dirname(v1), { recursive: true });
    await mkdir(path.dirname(v2), { recursive: true });
    await writeFile(v1, 'first cut');
    await writeFile(v2, 'second, longer cut');
    const first = parseSummary(await ferry(['--json', 'upload', v1, '--to', fx.sandbox.rootAssetId, '--on-conflict', 'rename']));
    const original = first.files[0]?.asset_id as string;
    const result = await ferry(['--json', 'upload', v2, '--version-of', original]);
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.files[0]).toMatchObject({ outcome: 'completed', version_of: original });
    const stack = JSON.parse((await ferry(['--json', 'ls', fx.sandbox.rootAssetId])).stdout) as Array<{ id: string; type: string; name: string }>;
    const stacked = stack.find((a) => a.type === 'version_stack' && a.name === 'cut.mov');
    expect(stacked).toBeDefined();
    const versions = JSON.parse((await ferry(['--json', 'ls', stacked?.id ?? ''])).stdout) as Array<{ id: string }>;
    expect(versions.map((v) => v.id).sort()).toEqual([original, summary.files[0]?.asset_id].sort());
  });

  it('ferry import asks Frame.io to fetch a URL', async () => {
    const source = http.createServer((_req, res) => res.end('imported bytes'));
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/clip.txt`;
      const result = await ferry(['--json', 'import', url, '--to', fx.sandbox.rootAssetId]);
      expect(result.code, result.stderr).toBe(0);
      const { asset_id: id } = JSON.parse(result.stdout) as { asset_id: string };
      await waitFor(async () => (await fx.client.getAsset(id)).uploadComplete, 'the import to complete', 5000);
      const asset = await fx.client.getAsset(id);
      expect(asset).toMatchObject({ name: 'clip.txt', uploadComplete: true });
      expect(await (await fetch(asset.originalUrl as string)).text()).toBe('imported bytes');
      expect((await ferry(['import', 'ftp://example.com/x'])).stderr).toMatch(/Only http\(s\) URLs/);
    } finally {
      source.close();
    }
  });

  it('ferry status lists an interrupted batch and ferry cancel discards it, removing its placeholders', async () => {
    const stateDir = path.join(fx.work, 'cancel-state');
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: stateDir };
    const file = path.join(fx.work, 'to-cancel.mov');
    await writeFile(file, Buffer.alloc(3 * 1024 * 1024, 7));
    const target = await fx.freshFolder('cancel');
    const attemptsBefore = fx.sandbox.stats().partPutAttempts;
    fx.sandbox.setFaults({ seed: 3, putSlow: 1, slowBytesPerSec: 256 * 1024 });
    try {
      // The placeholder exists and ferry holds its id: its first part is on the wire (slowed down).
      await interruptFerry(['--api', fx.sandbox.apiUrl, 'upload', file, '--to', target], env, () => fx.sandbox.stats().partPutAttempts > attemptsBefore, 'the first part PUT');
    } finally {
      fx.sandbox.setFaults({});
    }
    const status = JSON.parse((await runFerry(['--api', fx.sandbox.apiUrl, '--json', 'status'], env)).stdout) as { batches: Array<{ id: string; unfinished: number }> };
    expect(status.batches).toHaveLength(1);
    expect((await fx.client.listChildren(target)).length).toBe(1); // the placeholder, kept for resume
    const canceled = await runFerry(['--api', fx.sandbox.apiUrl, 'cancel', status.batches[0]?.id ?? ''], env);
    expect(canceled.code, canceled.stderr).toBe(0);
    expect(canceled.stdout).toMatch(/removed 1 incomplete asset/);
    expect(await fx.client.listChildren(target)).toEqual([]);
    expect(JSON.parse((await runFerry(['--api', fx.sandbox.apiUrl, '--json', 'status'], env)).stdout)).toEqual({ batches: [] });
  });
});
