// The chaos suite inside `npm test`: a reduced run (a few hundred faults of every kind, kill -9 and `ferry resume`
// included) must end with nothing corrupt, duplicated, lost or orphaned; and a seed must fix the whole plan, so any
// failing run can be replayed from the seed it printed. The full run is `npm run chaos` (docs/reliability.md).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile, writeKeystream } from '../../chaos/data';
import { planDrops } from '../../chaos/plan';

const RUN = fileURLToPath(new URL('../../chaos/run.ts', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function chaos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chaos', () => {
  it('the same seed gives the same plan, another seed another', async () => {
    const options = { seed: 4242, maxSize: 300 * 1024 * 1024, partSize: 128 * 1024 };
    const plan = planDrops(options, 50);
    expect(planDrops(options, 50)).toEqual(plan);
    expect(planDrops({ ...options, seed: 4243 }, 50)).not.toEqual(plan);
    const kinds = new Set(plan.flatMap((d) => [...d.acts.map((a) => a.kind), ...d.storm.map((s) => s.kind), d.api, d.driver]));
    for (const kind of ['cut', 'rotate', 'change', 'kill', 'pause', 'cancel', 'retry', 'stall', 'v2', 'v4', 'cli', 'engine']) expect(kinds).toContain(kind);
    // …and the same bytes: file contents come from a keystream named by the seed.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-chaos-plan-'));
    try {
      const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
      await writeKeystream(a, 3_000_001, `${options.seed}/0/0`);
      await writeKeystream(b, 3_000_001, `${options.seed}/0/0`);
      expect(await hashFile(a)).toEqual(await hashFile(b));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a reduced run: every file complete once and identical or failed with a reason, after kill -9 and resume', async () => {
    const result = await chaos(['--seed', '4242', '--faults', '300', '--files', '40', '--max-size-mib', '16']);
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    const m = /^chaos: (\d+) faults, (\d+) files, (\d+) kills — corrupt (\d+), duplicated (\d+), lost (\d+), orphans (\d+)$/.exec(line);
    expect(m, `${result.stdout}\n${result.stderr.slice(-3000)}`).not.toBeNull();
    const [faults, files, kills, corrupt, duplicated, lost, orphans] = (m as RegExpExecArray).slice(1).map(Number);
    expect({ corrupt, duplicated, lost, orphans }).toEqual({ corrupt: 0, duplicated: 0, lost: 0, orphans: 0 });
    expect(faults).toBeGreaterThanOrEqual(300);
    expect(files).toBeGreaterThanOrEqual(40);
    expect(kills).toBeGreaterThanOrEqual(1);
    expect(result.code, result.stdout).toBe(0);
  }, 400_000);
});
