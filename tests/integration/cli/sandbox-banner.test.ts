// `ferry sandbox --faults …` says in its banner that faults are on (issue 13 §7): a run that fails on purpose should
// not look like a broken sandbox.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERRY_BIN } from '../../support/cli';
import { waitFor } from '../../support/wait';

async function banner(args: string[]): Promise<string> {
  const data = await mkdtemp(path.join(os.tmpdir(), 'ferry-banner-'));
  const child = spawn(process.execPath, [FERRY_BIN, ...args, 'sandbox', '--port', '0', '--data', data, '--faults', 'put503=0.1,seed=7'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await waitFor(() => /Ctrl-C|"api"/.test(out) || child.exitCode !== null, 'the sandbox banner', 30_000);
    return out;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
    await rm(data, { recursive: true, force: true });
  }
}

describe('the sandbox banner', () => {
  it('shows the active --faults', async () => {
    expect(await banner([])).toMatch(/Faults:\s+put503=0\.1, seed=7/);
  });
  it('--json carries them too', async () => {
    const line = (await banner(['--json'])).split('\n')[0] ?? '';
    expect(JSON.parse(line)).toMatchObject({ faults: { put503: 0.1, seed: 7 } });
  });
});
