// Review findings (issue 12): a token is never shown on screen or in `ps` unless the person puts it there (finding
// 5: `--token-stdin` and `--token-fd N` instead of `--token`; the 401 re-prompt does not echo what is pasted), and
// `--report` to a place that cannot be written fails before anything is uploaded (finding 9).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, FERRY_BIN, parseSummary, runFerry } from '../../support/cli';
import { makeFile } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';
import { onTerminal } from './pty';

const MiB = 1024 * 1024;
const fx = useSandbox({ partSizeBytes: MiB }, 'ferry-token-input-');
let state: string;
beforeAll(async () => {
  state = await mkdtemp(path.join(os.tmpdir(), 'ferry-token-state-'));
});
afterAll(async () => {
  if (state) await rm(state, { recursive: true, force: true });
});

const env = () => ({ FERRY_STATE_DIR: state, FERRY_KEYCHAIN_SERVICE: 'io.ferry.uploader.token-input-test' });

/** ferry with the token written to its stdin (fd 0) or to another descriptor, never on its command line. */
function withTokenOn(fd: 0 | 3, args: string[], token: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], {
      env: { ...process.env, FRAMEIO_TOKEN: '', FRAMEIO_API: '', ...env() },
      stdio: ['pipe', 'pipe', 'pipe', ...(fd === 3 ? (['pipe'] as const) : [])],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    const into = child.stdio[fd] as NodeJS.WritableStream;
    into.end(`${token}\n`);
    if (fd === 3) child.stdin?.end();
  });
}

describe('a token kept off the screen and out of `ps`', () => {
  it('--help offers --token-stdin and --token-fd, and says --token shows in process listings', async () => {
    const help = await runFerry(['--help']);
    expect(help.stdout).toMatch(/--token-stdin/);
    expect(help.stdout).toMatch(/--token-fd <n>/);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/visible to other users in `ps`: prefer FRAMEIO_TOKEN or --token-stdin/);
  });

  it('--token-stdin reads the token from stdin; --token-fd 3 from descriptor 3; whoami says where it came from', async () => {
    const api = ['--api', fx.sandbox.apiV4Url];
    const fromStdin = await withTokenOn(0, [...api, '--token-stdin', 'whoami'], fx.sandbox.token);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/Signed in with a token from --token-stdin/);
    const fromFd = await withTokenOn(3, [...api, '--token-fd', '3', 'whoami'], fx.sandbox.token);
    expect(fromFd.code, fromFd.stderr).toBe(0);
    expect(fromFd.stdout).toMatch(/Signed in with a token from --token-fd 3/);
    const empty = await withTokenOn(0, [...api, '--token-stdin', 'whoami'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--token-stdin: no token was given on stdin/);
    const both = await withTokenOn(0, [...api, '--token-stdin', '--token', 'x', 'whoami'], fx.sandbox.token);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/one of --token, --token-stdin or --token-fd/);
  });

  it('the 401 re-prompt on a terminal does not echo the pasted token, and the upload finishes with it', async () => {
    const sb = fx.sandbox;
    const file = await makeFile(path.join(fx.work, 'rotate', 'C001.mov'), 6 * MiB + 1);
    sb.setFaults({ seed: 8, putSlow: 1, slowBytesPerSec: 2 * MiB });
    const partsStored = () => Object.values(sb.stats().partPuts).reduce((n, parts) => n + Object.keys(parts).length, 0);
    const already = partsStored();
    try {
      const term = onTerminal(['--api', sb.apiV4Url, 'upload', file, '--to', sb.rootFolderId, '--concurrency', '2'], { ...env(), FRAMEIO_TOKEN: sb.token });
      await waitFor(() => partsStored() >= already + 2, 'two parts stored', 60_000);
      const fresh = sb.rotateToken(); // the token in use is refused from now on
      const at = (await term.waitFor(/Paste a new token to continue \(it is not shown\), or press Enter to stop: /, 'the token prompt')).index;
      term.type(fresh);
      expect(await term.done).toBe(0);
      expect(term.screen.slice(at)).not.toContain(fresh);
      expect(term.screen).toMatch(/1 uploaded \(6\.3 MB\)/);
    } finally {
      sb.setFaults({});
    }
  });
});

describe('--report to a place that cannot be written', () => {
  it('fails before anything is uploaded, naming the path and why', async () => {
    const sb = fx.sandbox;
    const clip = await makeFile(path.join(fx.work, 'report', 'D001.wav'), 50_000);
    const aFile = path.join(state, 'plain-file');
    await writeFile(aFile, 'x');
    const before = sb.stats().assetsCreated;
    for (const [report, why] of [
      [path.join(state, 'no-such-folder', 'report.json'), /no such folder/],
      [state, /is a folder/],
      [path.join(aFile, 'report.json'), /is not a folder/],
    ] as const) {
      const result = await runFerry(['--api', sb.apiV4Url, 'upload', clip, '--to', sb.rootFolderId, '--report', report], { ...env(), FRAMEIO_TOKEN: sb.token });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--report ${report}: cannot write the report there`);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(/Uploading/);
    }
    expect(sb.stats().assetsCreated).toBe(before);
    const resumed = await runFerry(['--api', sb.apiV4Url, 'resume', '--report', path.join(state, 'nope', 'r.json')], { ...env(), FRAMEIO_TOKEN: sb.token });
    expect(resumed.code).toBe(2);
    const fine = path.join(state, 'report.json');
    const ok = await runFerry(['--api', sb.apiV4Url, '--json', 'upload', clip, '--to', sb.rootFolderId, '--report', fine], { ...env(), FRAMEIO_TOKEN: sb.token });
    expect(ok.code, ok.stderr).toBe(0);
    expect(parseSummary(ok).completed).toBe(1);
    expect(JSON.parse(await readFile(fine, 'utf8'))).toMatchObject({ completed: 1 }); // a writable place still gets it
  });
});
