// Review finding 10: how stale the journal can get is bounded in parts, not in time, so CPU starvation cannot stretch
// it. Ferry uploads a 512-part file while CPU-burning siblings starve it (it runs at nice 19, they do not), is killed
// with -9 mid-upload, and `ferry resume` finishes: the parts stored more than once — acknowledged work the journal
// had not kept, plus parts stored just as the process died — are at most JOURNAL_MAX_UNJOURNALED_PARTS, the bound
// journal-lag.ts enforces (before it, a starved run re-sent everything acknowledged in the late timer's window).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/core/upload/journal';
import { JOURNAL_MAX_UNJOURNALED_PARTS } from '../../../src/core/upload/journal-lag';
import { FERRY_BIN, parseSummary, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { readRemoteTree } from '../../support/remote';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';

const PART = 16 * 1024;
const PARTS = 256;
const fx = useSandbox({ partSizeBytes: PART }, 'ferry-journal-bound-');

const successfulPuts = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, parts) => n + Object.values(parts).reduce((m, c) => m + c, 0), 0);
const resentParts = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, parts) => n + Object.values(parts).reduce((m, c) => m + Math.max(0, c - 1), 0), 0);

const children: ChildProcess[] = [];
/** Stops every process this test started, by pid, even when it failed. */
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A sibling that burns one core until killed. */
function burner(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

describe('the journal under CPU starvation', () => {
  it(`a kill -9 of a starved upload re-sends at most ${JOURNAL_MAX_UNJOURNALED_PARTS} parts`, async () => {
    const local = await makeFile(path.join(fx.work, 'footage', 'long.mov'), PARTS * PART - 7);
    const target = await fx.freshFolder('starved');
    const stateDir = path.join(fx.work, 'state');
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: stateDir };
    const resentBefore = resentParts();
    const putsBefore = successfulPuts();
    for (let i = 0; i < 3; i++) burner(); // three busy loops on two cores, at normal priority
    const upload = spawn('nice', ['-n', '19', process.execPath, FERRY_BIN, '--api', fx.sandbox.apiUrl, 'upload', path.dirname(local), '--to', target, '--concurrency', '8'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(upload);
    const exited = new Promise<void>((resolve) => upload.once('exit', () => resolve()));
    await waitFor(() => successfulPuts() - putsBefore >= PARTS / 2 || upload.exitCode !== null, 'half the parts stored', 240_000);
    expect(upload.exitCode, 'the upload finished before it could be killed').toBeNull();
    upload.kill('SIGKILL');
    await exited;
    const storedAtKill = successfulPuts() - putsBefore;
    for (const child of children.splice(0)) child.kill('SIGKILL');

    const journals = (await readdir(path.join(stateDir, 'journal'))).filter((n) => n.endsWith('.json'));
    expect(journals).toHaveLength(1);
    // The snapshot with its log replayed (journal-log.ts), as `ferry resume` reads it.
    const record = await new Journal(path.join(stateDir, 'journal')).read((journals[0] as string).replace(/\.json$/, ''));
    const journaled = record?.files[0]?.partsDone.length ?? 0;
    expect(storedAtKill - journaled).toBeLessThanOrEqual(JOURNAL_MAX_UNJOURNALED_PARTS);

    const resumed = await runFerry(['--api', fx.sandbox.apiUrl, '--json', 'resume'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseSummary(resumed).completed).toBe(1);
    const tree = await readRemoteTree(fx.client, target);
    const asset = tree.entries.get('footage/long.mov');
    expect(asset?.uploadComplete).toBe(true);
    expect(await sha256Url(asset?.originalUrl as string)).toBe(await sha256File(local));
    expect(resentParts() - resentBefore).toBeLessThanOrEqual(JOURNAL_MAX_UNJOURNALED_PARTS);
  });
});
