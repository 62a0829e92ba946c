// What a newcomer and a script meet first (issue 13): `ferry --version`; `--json` that prints one JSON value on
// stdout whether the command worked or not; `ls` with no id showing where one can upload, on V2 and V4.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFerry } from '../../support/cli';
import { useSandbox } from '../../support/sandbox-fixture';

const fx = useSandbox({}, 'ferry-newcomer-');
const v2 = (args: string[]) => runFerry(['--api', fx.sandbox.apiUrl, ...args], { FRAMEIO_TOKEN: fx.sandbox.token });
const v4 = (args: string[]) => runFerry(['--api', fx.sandbox.apiV4Url, ...args], { FRAMEIO_TOKEN: fx.sandbox.token });

/** stdout must be exactly one JSON value (and nothing else). */
const onlyJson = (stdout: string): unknown => JSON.parse(stdout);

describe('ferry --version', () => {
  it("prints package.json's version and exits 0", async () => {
    const { version } = JSON.parse(await readFile(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    const result = await runFerry(['--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});

describe('--json: one JSON value on stdout, on success and on failure', () => {
  it('upload of a missing path: a JSON error naming the path, non-zero exit', async () => {
    const missing = path.join(fx.work, 'nope');
    const result = await v2(['--json', 'upload', missing, '--to', fx.sandbox.rootAssetId]);
    expect(result.code).not.toBe(0);
    const out = onlyJson(result.stdout) as { ok: boolean; error: { message: string; exit_code: number; problems?: string[] } };
    expect(out.ok).toBe(false);
    expect(out.error.exit_code).toBe(result.code);
    expect(out.error.message).toMatch(/Nothing to upload/);
    expect(out.error.problems?.join('\n')).toContain(missing);
  });

  it('a usage error (unknown option, missing argument) is JSON too, exit 2', async () => {
    for (const args of [['--json', 'upload'], ['--json', 'ls', '--bogus'], ['--json', 'frobnicate']]) {
      const result = await v2(args);
      expect(result.code, args.join(' ')).toBe(2);
      const out = onlyJson(result.stdout) as { ok: boolean; error: { message: string; exit_code: number } };
      expect(out).toMatchObject({ ok: false, error: { exit_code: 2 } });
      expect(out.error.message.length).toBeGreaterThan(5);
    }
  });

  it('a rejected token is a JSON error', async () => {
    const result = await runFerry(['--api', fx.sandbox.apiUrl, '--json', 'whoami'], { FRAMEIO_TOKEN: 'fio-u-wrong' });
    expect(result.code).toBe(1);
    expect(onlyJson(result.stdout)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/401/) as unknown } });
  });
});

interface Listing {
  accounts: Array<{ id: string; name: string; workspaces: Array<{ id: string; name: string; projects: Array<{ id: string; name: string; root_folder_id: string }> }> }>;
}

describe('ls with no id: where one can upload', () => {
  for (const [api, run] of [['V2', v2], ['V4', v4]] as const) {
    it(`${api}: lists accounts → workspaces → projects with their root folder ids, and --json the same`, async () => {
      const text = await run(['ls']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain('Demo Project');
      expect(text.stdout).toContain(fx.sandbox.rootAssetId);
      expect(text.stdout).toContain(fx.sandbox.accountId);
      const json = await run(['--json', 'ls']);
      expect(json.code, json.stderr).toBe(0);
      const listing = onlyJson(json.stdout) as Listing;
      const projects = listing.accounts.flatMap((a) => a.workspaces.flatMap((w) => w.projects));
      expect(projects).toContainEqual(expect.objectContaining({ name: 'Demo Project', root_folder_id: fx.sandbox.rootAssetId }));
    });
  }
});

describe('ls --tree', () => {
  it('sorts each level (folders first, then by name) and says "1 item" for one', async () => {
    const parent = await fx.freshFolder('sorted');
    for (const name of ['b-folder', 'A-folder', 'c-folder']) await fx.client.createFolder(parent, name);
    const child = (await fx.client.listChildren(parent)).find((a) => a.name === 'A-folder');
    await fx.client.createFolder(child?.id as string, 'only');
    const result = await v2(['ls', parent, '--tree']);
    expect(result.code, result.stderr).toBe(0);
    const names = result.stdout.split('\n').filter((l) => /folder/.test(l) && !/^\s{2}/.test(l)).map((l) => /(\S+-folder)/.exec(l)?.[1]);
    expect(names).toEqual(['A-folder', 'b-folder', 'c-folder']);
    expect(result.stdout).toMatch(/A-folder\s+1 item\b/);
    expect(result.stdout).not.toMatch(/1 items/);
  });
});
