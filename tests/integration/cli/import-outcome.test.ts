// `ferry import` reports its outcome (issue 13 §5): it waits until Frame.io has the file or says the import failed;
// a failed import is a non-zero exit and a clear message; --no-wait returns as soon as Frame.io took the request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../../support/cli';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';

const fx = useSandbox({}, 'ferry-import-');
const v4 = (args: string[]) => runFerry(['--api', fx.sandbox.apiV4Url, ...args], { FRAMEIO_TOKEN: fx.sandbox.token });

let source: http.Server;
let base = '';
beforeAll(async () => {
  source = http.createServer((req, res) => {
    if (req.url === '/missing.mov') {
      res.statusCode = 404;
      res.end('gone');
    } else res.end('imported bytes');
  });
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => source.close(() => resolve())));

describe('ferry import (V4)', () => {
  it('waits until Frame.io has the file, then says so (one line off a terminal)', async () => {
    const result = await v4(['import', `${base}/clip.txt`, '--to', fx.sandbox.rootFolderId]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Imported .*clip\.txt.*14 B/);
    expect(result.stderr).toMatch(/Waiting for Frame.io to fetch/);
  });

  it('--json: status "complete" with the size', async () => {
    const result = await v4(['--json', 'import', `${base}/clip2.txt`, '--to', fx.sandbox.rootFolderId]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, status: 'complete', name: 'clip2.txt', size: 14 });
  });

  it('a source that fails: non-zero exit and a clear message (JSON too)', async () => {
    const text = await v4(['import', `${base}/missing.mov`, '--to', fx.sandbox.rootFolderId]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/ferry: Frame.io could not import .*missing\.mov/);
    const json = await v4(['--json', 'import', `${base}/missing.mov`, '--to', fx.sandbox.rootFolderId]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/could not import/) as unknown, asset_id: expect.any(String) as unknown } });
  });

  it('--no-wait returns once Frame.io took the request', async () => {
    const result = await v4(['--json', 'import', `${base}/later.txt`, '--to', fx.sandbox.rootFolderId, '--no-wait']);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { status: string; asset_id: string };
    expect(out.status).toBe('started');
    await waitFor(async () => (await fx.client.getAsset(out.asset_id)).uploadComplete, 'the import to complete', 5000);
  });
});
