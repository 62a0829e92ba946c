// A user can stop Ferry at any moment — Ctrl-C or kill -9 — and `ferry resume` finishes the job: every file
// byte-for-byte, no duplicate asset, and parts S3 had acknowledged are not sent again (beyond the few acknowledged
// in the last journal write interval before a kill -9). On V2 and on V4: there the CLI goes through the conformance
// proxy, the server splits files short part first (resume must keep the journaled sizes), and the journal records the
// API version and the account, so `ferry resume` continues with the right client in the right account.
import { type ChildProcess, spawn } from 'node:child_process';
import { Journal } from '../../../src/core/upload/journal';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERRY_BIN, parseSummary, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { readRemoteTree } from '../../support/remote';
import { useV4Sandbox } from '../../support/v4-fixture';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
const fx = useV4Sandbox({ partSizeBytes: MiB, partPlan: 'short-first' }, 'ferry-resume-');

const successfulPuts = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, parts) => n + Object.values(parts).reduce((m, c) => m + c, 0), 0);
const resentParts = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, parts) => n + Object.values(parts).reduce((m, c) => m + Math.max(0, c - 1), 0), 0);

interface Scenario {
  api: 'v2' | 'v4';
  name: string;
  signal: NodeJS.Signals;
  /** Interrupt once this many part PUTs (of this run) have succeeded. */
  afterPuts: number;
}

const stops = [
  { name: 'Ctrl-C mid-upload', signal: 'SIGINT', afterPuts: 5 },
  { name: 'kill -9 before any part finished', signal: 'SIGKILL', afterPuts: 0 },
  { name: 'kill -9 mid-upload', signal: 'SIGKILL', afterPuts: 8 },
  { name: 'kill -9 near the end', signal: 'SIGKILL', afterPuts: 13 }, // of 15 parts
] as const;

describe.each<Scenario>((['v2', 'v4'] as const).flatMap((api) => stops.map((stop) => ({ api, ...stop }))))('$api: $name, then ferry resume', ({ api, name, signal, afterPuts }) => {
  it('finishes every file byte-for-byte with no duplicates', async () => {
    const slug = `${api}-${name.replace(/\W+/g, '-')}`;
    const stateDir = path.join(fx.work, `state-${slug}`);
    const root = path.join(fx.work, `footage-${slug}`);
    const apiUrl = api === 'v4' ? fx.proxy.apiUrl : fx.sandbox.apiUrl;
    const locals = [await makeFile(path.join(root, 'A001.mov'), 6 * MiB + 123)];
    for (let i = 0; i < 8; i++) locals.push(await makeFile(path.join(root, `B00${i}.wav`), 200_000 + i));
    const target = await fx.freshFolder('resume');
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: stateDir };
    const putsBefore = successfulPuts();
    const createdBefore = fx.sandbox.stats().assetsCreated;
    const attemptsBefore = fx.sandbox.stats().partPutAttempts;
    const resentBefore = resentParts();

    fx.sandbox.setFaults({ seed: 9, putSlow: 1, slowBytesPerSec: 2 * MiB });
    let child: ChildProcess | null = null;
    const stopped = { ackedParts: 0 };
    try {
      child = spawn(process.execPath, [FERRY_BIN, '--api', apiUrl, 'upload', root, '--to', target, '--concurrency', '2'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code, sig) => resolve(code ?? (sig ? -1 : null))));
      await waitFor(() => (afterPuts === 0 ? fx.sandbox.stats().assetsCreated > createdBefore && fx.sandbox.stats().partPutAttempts > attemptsBefore : successfulPuts() - putsBefore >= afterPuts), `${afterPuts} part PUTs`);
      child.kill(signal);
      const code = await exited;
      expect(code).toBe(signal === 'SIGINT' ? 130 : -1);
      stopped.ackedParts = successfulPuts() - putsBefore;
    } finally {
      fx.sandbox.setFaults({});
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    // What the journal holds at the stop: parts recorded as acknowledged (a finished file: all of its parts).
    const journalDir = path.join(stateDir, 'journal');
    let journaledParts = 0;
    for (const batch of (await new Journal(journalDir).list()).batches) { // the snapshot plus its log, as resume reads it
      // Which client resumes it, and (V4) the account every URL names: found at upload time, kept for resume.
      expect(batch).toMatchObject({ apiVersion: api, accountId: api === 'v4' ? fx.sandbox.accountId : null });
      for (const f of batch.files) journaledParts += f.status === 'completed' ? (f.parts?.length ?? 1) : f.partsDone.length;
    }

    const status = await runFerry(['--api', apiUrl, '--json', 'status'], env);
    const batches = (JSON.parse(status.stdout) as { batches: Array<{ unfinished: number; api_version: string }> }).batches;
    expect(batches).toHaveLength(1);
    expect(batches[0]?.unfinished).toBeGreaterThan(0);
    expect(batches[0]?.api_version).toBe(api);

    const resumed = await runFerry(['--api', apiUrl, '--json', 'resume'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseSummary(resumed).unfinished).toBe(0);

    const tree = await readRemoteTree(fx.client, target);
    expect(tree.duplicates).toEqual([]);
    const files = [...tree.entries.entries()].filter(([, a]) => a.type === 'file');
    expect(files).toHaveLength(locals.length); // no duplicate, no orphan placeholder
    for (const local of locals) {
      const asset = tree.entries.get(`${path.basename(root)}/${path.basename(local)}`);
      expect(asset?.uploadComplete).toBe(true);
      expect(await sha256Url(asset?.originalUrl as string)).toBe(await sha256File(local));
    }
    // Parts the journal holds as acknowledged are never sent again. What may be: a part S3 stored just as we stopped,
    // before its answer reached us (at most the 2 in flight), and after a kill -9 the acknowledgements of the last
    // journal write interval (250 ms, decision 0008) that never reached the disk.
    // Ctrl-C writes the journal before exiting, so only the in-flight parts can be sent again.
    const unjournaled = signal === 'SIGINT' ? 0 : Math.max(0, stopped.ackedParts - journaledParts);
    expect(resentParts() - resentBefore).toBeLessThanOrEqual(unjournaled + 2);

    const after = await runFerry(['--api', apiUrl, '--json', 'status'], env);
    expect(JSON.parse(after.stdout)).toEqual({ batches: [] });
    if (api === 'v4') await fx.conforms();
  });
});
