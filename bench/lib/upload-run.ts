// One timed upload by one tool, checked: the process's own verdict, its exit code, and that the bucket grew by exactly
// the target's bytes. Server and unrelated CPU are taken around it (bench/lib/server-cpu.ts).
import { measure, type ProcResult } from './measure.js';
import type { Buckets } from './s3.js';
import { clusterCpuS, systemBusyS } from './server-cpu.js';
import { REPO, type Invocation, type Target, type Tool } from './tools.js';

export interface UploadRun {
  res: ProcResult;
  serverCpuS: number;
  otherCores: number;
  error?: string;
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop()?.slice(0, 300) ?? '';
}

/** `prepare` runs after the bucket is totalled and right before the clock starts (waiting for quiet, cache eviction). */
export async function timedUpload(tool: Tool, target: Target, inv: Invocation, buckets: Buckets, pids: number[], timeoutMs: number, prepare?: () => Promise<void>): Promise<UploadRun> {
  const before = await buckets.usage(tool.bucket);
  await prepare?.();
  const busy0 = systemBusyS();
  const srv0 = clusterCpuS(pids);
  const res = await measure(inv.cmd, inv.args, { env: inv.env, cwd: REPO, timeoutMs });
  const serverCpuS = clusterCpuS(pids) - srv0 + res.benchCpuS;
  const otherCores = (systemBusyS() - busy0 - serverCpuS - (res.userS + res.sysS)) / res.wallS;
  const after = await buckets.usage(tool.bucket);
  let error = tool.check(res.stdout, target);
  if (!error && res.code !== 0) error = `exit ${String(res.code ?? res.signal)}: ${lastLine(res.stderr) || lastLine(res.stdout)}`;
  if (!error && after.bytes - before.bytes !== target.bytes) error = `the bucket grew by ${after.bytes - before.bytes} bytes, expected ${target.bytes}`;
  return { res, serverCpuS, otherCores, ...(error ? { error } : {}) };
}
