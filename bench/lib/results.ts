// Result shapes, medians and the targets (ratios within one run).
import { median } from './stats.js';
import type { LimitedRun } from './limited.js';
import { TOOLS, type ScenarioId, type ToolId } from './tools.js';

export interface Sample {
  ok: boolean;
  error?: string;
  wallS: number;
  cpuS: number;
  maxRssMB: number;
  /** radosgw + OSD + monitor + the in-process sandbox API, CPU seconds during the run */
  serverCpuS: number;
  /** CPU cores in use by unrelated processes during the run (the machine's busy time minus the above, per wall second) */
  otherCores: number;
  /** how long the bench waited for the machine to be quiet before starting */
  waitedS: number;
  /** diagnostic runs only: API requests by "METHOD /path" (ids replaced by {id}) */
  apiCounts?: Record<string, number>;
}

export interface ApiCalls {
  tool: ToolId;
  scenario: ScenarioId;
  files: number;
  ok: boolean;
  counts: Record<string, number>;
}

export interface Measured {
  scenario: ScenarioId;
  tool: ToolId;
  files: number;
  bytes: number;
  samples: Sample[];
}

export interface Row {
  scenario: ScenarioId;
  tool: ToolId;
  label: string;
  files: number;
  bytes: number;
  okRuns: number;
  runs: number;
  errors: string[];
  wallS: number;
  walls: number[];
  mbps: number;
  filesPerS: number;
  /** same, with the tool's own process start-up time (measured separately) taken off the wall time */
  netMbps: number;
  netFilesPerS: number;
  rssMB: number;
  cpuS: number;
  cpuPerGB: number;
  serverCpuS: number;
  otherCores: number;
}

export interface MemoryPoint {
  label: string;
  bytes: number;
  ok: boolean;
  error?: string;
  wallS: number;
  rssMB: number;
  cpuS: number;
  otherCores: number;
}

export interface Startup {
  tool: ToolId;
  wallS: number;
  rssMB: number;
}

export type Verdict = 'PASS' | 'FAIL' | 'n/a';

export interface TargetResult {
  name: string;
  required: string;
  actual: string;
  verdict: Verdict;
  note?: string;
}

export function summarize(m: Measured, startup: Startup[]): Row {
  const ok = m.samples.filter((s) => s.ok);
  const wallS = median(ok.map((s) => s.wallS));
  const start = startup.find((s) => s.tool === m.tool)?.wallS ?? NaN;
  const net = wallS - start;
  const cpuS = median(ok.map((s) => s.cpuS));
  return {
    scenario: m.scenario,
    tool: m.tool,
    label: TOOLS.find((t) => t.id === m.tool)?.label ?? m.tool,
    files: m.files,
    bytes: m.bytes,
    okRuns: ok.length,
    runs: m.samples.length,
    errors: [...new Set(m.samples.flatMap((s) => (s.error ? [s.error] : [])))],
    wallS,
    walls: m.samples.map((s) => (s.ok ? s.wallS : NaN)),
    mbps: m.bytes / 1e6 / wallS,
    filesPerS: m.files / wallS,
    netMbps: net > 0 ? m.bytes / 1e6 / net : NaN,
    netFilesPerS: net > 0 ? m.files / net : NaN,
    rssMB: median(ok.map((s) => s.maxRssMB)),
    cpuS,
    cpuPerGB: cpuS / (m.bytes / 1e9),
    serverCpuS: median(ok.map((s) => s.serverCpuS)),
    otherCores: median(ok.map((s) => s.otherCores)),
  };
}

function ratioTarget(name: string, a: number, b: number, min: number, unit: string): TargetResult {
  const ratio = a / b;
  const known = Number.isFinite(ratio);
  return {
    name,
    required: `≥ ${min.toFixed(1)}×`,
    actual: known ? `${ratio.toFixed(2)}× (${a.toFixed(1)} vs ${b.toFixed(1)} ${unit})` : 'not measured',
    verdict: known ? (ratio >= min ? 'PASS' : 'FAIL') : 'n/a',
  };
}

export function targets(rows: Row[], memory: MemoryPoint[], limited?: LimitedRun): TargetResult[] {
  const get = (s: ScenarioId, t: ToolId) => rows.find((r) => r.scenario === s && r.tool === t);
  const v = (s: ScenarioId, t: ToolId, k: 'mbps' | 'filesPerS' | 'netMbps' | 'netFilesPerS') => get(s, t)?.[k] ?? NaN;
  const withNet = (t: TargetResult, s: ScenarioId, a: ToolId, b: ToolId, k: 'netMbps' | 'netFilesPerS'): TargetResult => {
    const r = v(s, a, k) / v(s, b, k);
    return Number.isFinite(r) ? { ...t, note: `${r.toFixed(2)}× without process start-up` } : t;
  };
  const out: TargetResult[] = [
    withNet(ratioTarget('Large file vs aws s3 cp', v('large', 'ferry', 'mbps'), v('large', 'aws', 'mbps'), 1.5, 'MB/s'), 'large', 'ferry', 'aws', 'netMbps'),
    withNet(ratioTarget('Large file vs bare parallel PUT', v('large', 'ferry', 'mbps'), v('large', 'bare', 'mbps'), 0.9, 'MB/s'), 'large', 'ferry', 'bare', 'netMbps'),
    withNet(ratioTarget('Small files vs rclone copy', v('small', 'ferry', 'filesPerS'), v('small', 'rclone', 'filesPerS'), 1.0, 'files/s'), 'small', 'ferry', 'rclone', 'netFilesPerS'),
    withNet(ratioTarget('Small files vs SDK pattern', v('small', 'ferry', 'filesPerS'), v('small', 'sdk', 'filesPerS'), 3.0, 'files/s'), 'small', 'ferry', 'sdk', 'netFilesPerS'),
  ];
  const big = [...memory].filter((m) => m.ok).sort((a, b) => b.bytes - a.bytes)[0];
  const small = [...memory].filter((m) => m.ok).sort((a, b) => a.bytes - b.bytes)[0];
  out.push({
    name: `Peak RSS, ${big?.label ?? '4 GiB'} file`,
    required: '≤ 150 MB',
    actual: big ? `${big.rssMB.toFixed(0)} MB` : 'not measured',
    verdict: big ? (big.rssMB <= 150 ? 'PASS' : 'FAIL') : 'n/a',
  });
  const flat = big && small && big !== small;
  out.push({
    name: 'Peak RSS does not grow with file size',
    required: '≤ +20% from smallest to largest',
    actual: flat ? `${small.rssMB.toFixed(0)} MB (${small.label}) → ${big.rssMB.toFixed(0)} MB (${big.label})` : 'not measured',
    verdict: flat ? (big.rssMB <= small.rssMB * 1.2 ? 'PASS' : 'FAIL') : 'n/a',
  });
  out.push({
    name: "Small files at Frame.io's V4 limits",
    required: '≥ 90 % of the local_upload ceiling, no failed file, no 429 after the first window',
    actual: limited
      ? `${(limited.share * 100).toFixed(0)} % (${limited.filesPerS.toFixed(2)} of ${limited.ceilingFilesPerS} files/s); ${limited.ok ? 'every file completed' : `FAILED: ${limited.error ?? ''}`}; ${limited.throttledAfterFirstWindow} × 429 after the first window (${limited.throttled} in all)`
      : 'not measured',
    verdict: limited ? (limited.ok && limited.share >= 0.9 && limited.throttledAfterFirstWindow === 0 ? 'PASS' : 'FAIL') : 'n/a',
  });
  return out;
}
