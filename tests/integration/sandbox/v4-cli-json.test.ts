// `ferry sandbox --json`: one ready line that still carries V2's api/token/root_asset_id, plus V4's api_v4,
// account_id, root_folder_id and the legacy token; each of them works against the server it names.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { FERRY_BIN } from '../../support/cli';

interface Ready {
  api: string;
  token: string;
  root_asset_id: string;
  api_v4: string;
  account_id: string;
  root_folder_id: string;
  legacy_token: string;
}

/** Runs `ferry --json sandbox …` until `use` is done with its ready line, then stops it with Ctrl-C. */
async function withSandbox(args: string[], use: (ready: Ready) => Promise<void>): Promise<void> {
  const data = await mkdtemp(join(tmpdir(), 'ferry-sb-json-'));
  const child = spawn(process.execPath, [FERRY_BIN, '--json', 'sandbox', '--data', data, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
    });
    await use(JSON.parse(line) as Ready);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(data, { recursive: true, force: true });
  }
}

it('`ferry sandbox --json` prints V2 and V4 in one ready line', async () => {
  await withSandbox([], async (ready) => {
    expect(Object.keys(ready).sort()).toEqual(['account_id', 'api', 'api_v4', 'client_id', 'ims', 'legacy_token', 'redirect_uri', 'root_asset_id', 'root_folder_id', 'token']);
    expect(ready.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(ready.api_v4).toBe(ready.api.replace(/\/v2$/, '/v4'));
    const auth = { authorization: `Bearer ${ready.token}` };
    expect((await fetch(`${ready.api}/assets/${ready.root_asset_id}/children`, { headers: auth })).status).toBe(200);
    const folder = await fetch(`${ready.api_v4}/accounts/${ready.account_id}/folders/${ready.root_folder_id}`, { headers: auth });
    expect(((await folder.json()) as { data: { name: string } }).data.name).toBe('Demo Project');
    const legacy = { authorization: `Bearer ${ready.legacy_token}`, 'x-frameio-legacy-token-auth': 'true' };
    expect((await fetch(`${ready.api_v4}/me`, { headers: legacy })).status).toBe(200);
  });
});

it('`ferry sandbox --limits frameio --part-plan short-first` applies both', async () => {
  await withSandbox(['--limits', 'frameio', '--part-plan', 'short-first', '--part-size', '1000'], async (ready) => {
    const res = await fetch(`${ready.api_v4}/accounts/${ready.account_id}/folders/${ready.root_folder_id}/files/local_upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name: 'a.mov', file_size: 3000 } }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    const sizes = ((await res.json()) as { data: { upload_urls: Array<{ size: number }> } }).data.upload_urls.map((p) => p.size);
    expect(sizes).toEqual([500, 1250, 1250]);
  });
});
