// The link profiles' report: each tool's time against the physical bound, the targets of issue #14 that these runs
// decide, a chart per profile (docs/benchmarks/link-<profile>.svg) and their section of docs/benchmarks.md.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { barChart, type Panel } from './chart.js';
import type { LinkSample, ProfileRun } from './link-bench.js';
import type { Machine } from './machine.js';
import { physicalBound, type Bound } from './profiles.js';
import { fmt } from './stats.js';
import { TOOLS, type ToolId } from './tools.js';
import type { WorkloadId, WorkloadSizes } from './workloads.js';

export interface LinkReport {
  machine: Machine;
  sizes: WorkloadSizes;
  workloads: { id: WorkloadId; title: string; files: number; bytes: number }[];
  runs: ProfileRun[];
  totalS: number;
}

export interface LinkRow extends LinkSample {
  bound: Bound;
  /** wall time ÷ the physical bound */
  xBound: number;
  /** wall time ÷ the bare create+PUT's on the same workload and link (limits off) */
  xBare: number;
}

const label = (id: ToolId): string => TOOLS.find((t) => t.id === id)?.label ?? id;

export function rowsOf(r: LinkReport, run: ProfileRun): LinkRow[] {
  return run.samples.map((s) => {
    const wl = r.workloads.find((w) => w.id === s.workload);
    const usesApi = s.tool !== 'aws' && s.tool !== 'rclone';
    const bound = physicalBound(run.profile, wl?.bytes ?? NaN, wl?.files ?? NaN, s.limits && usesApi);
    const bare = run.samples.find((b) => b.tool === 'bare' && b.workload === s.workload && !b.limits && b.ok);
    return { ...s, bound, xBound: s.ok ? s.wallS / bound.totalS : NaN, xBare: s.ok && !s.limits && bare ? s.wallS / bare.wallS : NaN };
  });
}

interface Check {
  name: string;
  required: string;
  actual: string;
  pass: boolean | undefined;
}

function find(rows: LinkRow[], tool: ToolId, wl: WorkloadId, limits = false): LinkRow | undefined {
  return rows.find((x) => x.tool === tool && x.workload === wl && x.limits === limits);
}

/** The targets of issue #14 these runs decide, for one profile (Ferry = `ferry upload` over V4). */
export function checks(run: ProfileRun, rows: LinkRow[]): Check[] {
  const out: Check[] = [];
  const ratio = (name: string, required: string, v: number, ok: (v: number) => boolean, unit = '×') =>
    out.push({ name, required, actual: Number.isFinite(v) ? `${fmt(v, 2)}${unit}` : 'not measured', pass: Number.isFinite(v) ? ok(v) : undefined });
  for (const wl of ['large', 'card'] as const) ratio(`${wl}: Ferry vs the bound`, '≤ 1.15×', find(rows, 'ferry-v4', wl)?.xBound ?? NaN, (v) => v <= 1.15);
  for (const wl of ['card', 'stills'] as const) ratio(`${wl}, Frame.io's limits: Ferry vs the bound`, '≤ 1.15×', find(rows, 'ferry-v4', wl, true)?.xBound ?? NaN, (v) => v <= 1.15);
  ratio('stills, no limits: Ferry vs bare create+PUT', '≤ 1.10×', find(rows, 'ferry-v4', 'stills')?.xBare ?? NaN, (v) => v <= 1.1);
  for (const wl of ['large', 'card'] as const) {
    for (const other of ['aws', 'rclone'] as const) {
      const f = find(rows, 'ferry-v4', wl);
      const o = find(rows, other, wl);
      ratio(`${wl}: Ferry ahead of ${label(other)}`, '> 1× (their time ÷ Ferry\'s)', o && f?.ok ? o.wallS / f.wallS : NaN, (v) => v > 1);
    }
  }
  const id = run.profile.id;
  const sdk = (wl: WorkloadId, need: number) => {
    const f = find(rows, 'ferry-v4', wl);
    const s = find(rows, 'sdk', wl);
    ratio(`${wl}: Ferry vs the SDK pattern`, `≥ ${need}× faster`, s && f?.ok ? s.wallS / f.wallS : NaN, (v) => v >= need);
  };
  if (id === 'office') sdk('card', 1.4);
  if (id === 'far') sdk('card', 2);
  if (id !== 'lan') sdk('stills', 5);
  const st = find(rows, 'ferry-v4', 'stills');
  ratio('stills: Ferry API calls per file', '≤ 1.1', st?.ok ? st.apiCalls / st.sampleFiles : NaN, (v) => v <= 1.1, '');
  const limited = rows.filter((x) => x.limits);
  if (limited.length) {
    const late = limited.reduce((a, x) => a + x.throttledAfterFirstWindow, 0);
    const bad = limited.filter((x) => !x.ok).length;
    out.push({ name: "Frame.io's limits: 429s after the first window, failed runs", required: '0, 0', actual: `${late}, ${bad}`, pass: late === 0 && bad === 0 });
  }
  return out;
}

const verdict = (p: boolean | undefined): string => (p === undefined ? 'n/a' : p ? 'PASS' : 'FAIL');

function describeProfile(run: ProfileRun): string {
  const p = run.profile;
  return `\`${p.id}\`: ${p.rttMs} ms RTT, ${p.bitsPerS / 1e6} Mbit/s each way${p.frameioLimits ? "; Ferry also against Frame.io's limits" : ''}`;
}

export function consoleLinkReport(r: LinkReport): string {
  const lines: string[] = [];
  for (const run of r.runs) {
    const c = run.check;
    lines.push('', `Link ${describeProfile(run)}`, `  self-check: ${fmt(c.measuredMbitS, 0)} Mbit/s, RTT +${fmt(c.measuredRttMs, 2)} ms${c.ok ? '' : ` — FAILED: ${c.error ?? ''}`}`);
    for (const x of rowsOf(r, run)) {
      lines.push(`  ${x.workload.padEnd(6)} ${(label(x.tool) + (x.limits ? ' [limits]' : '')).padEnd(40)} ${x.ok ? `${fmt(x.wallS, 2).padStart(7)} s  bound ${fmt(x.bound.totalS, 2).padStart(6)} s  ${fmt(x.xBound, 2)}× bound${Number.isFinite(x.xBare) ? `  ${fmt(x.xBare, 2)}× bare` : ''}` : `FAILED: ${x.error ?? ''}`}`);
    }
    for (const t of checks(run, rowsOf(r, run))) lines.push(`  ${verdict(t.pass).padEnd(4)}  ${t.name.padEnd(52)} ${t.required.padEnd(28)} ${t.actual}`);
  }
  return lines.join('\n');
}

/** Text in the first two columns (and the last, with `lastText`), numbers right-aligned in the others. */
function mdTable(head: string[], rows: string[][], lastText = false): string {
  const align = head.map((_, i) => (i < 2 || (lastText && i === head.length - 1) ? '---' : '---:'));
  return [head, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function chart(r: LinkReport, run: ProfileRun): string {
  const rows = rowsOf(r, run);
  const panels: Panel[] = r.workloads.map((w) => ({
    title: `${w.title} (bound ${fmt(physicalBound(run.profile, w.bytes, w.files, false).totalS, 1)} s without limits)`,
    unit: '× the physical bound',
    better: 'lower',
    bars: rows.filter((x) => x.workload === w.id).map((x) => ({ label: `${label(x.tool)}${x.limits ? ' [limits]' : ''}`, value: x.xBound, tool: x.tool })),
  }));
  const c = run.check;
  return barChart(`Time vs the physical bound: ${run.profile.id} (${run.profile.rttMs} ms, ${run.profile.bitsPerS / 1e6} Mbit/s)`, `self-check ${fmt(c.measuredMbitS, 0)} Mbit/s, +${fmt(c.measuredRttMs, 1)} ms; 1 run each; ${r.machine.date.slice(0, 10)}`, panels);
}

function profileSection(r: LinkReport, run: ProfileRun): string[] {
  const c = run.check;
  const out = [`### Link ${describeProfile(run)}`, ''];
  if (run.at) out.push(`Measured ${new Date(run.at).toUTCString()}.`, '');
  out.push(`Self-check (a bare PUT of ${fmt(c.putBytes / 1e6, 0)} MB and pings through the emulator): ${fmt(c.measuredMbitS, 0)} Mbit/s, RTT +${fmt(c.measuredRttMs, 2)} ms (lower quartile of 15 pings; median +${fmt(c.medianRttMs, 2)} ms) over the host's own ${fmt(c.floorRttMs, 2)} ms${c.ok ? '.' : ` — **off by more than 10 %** (${c.error ?? ''}): not measured.`}`, '');
  if (!c.ok) return out;
  out.push(`![${run.profile.id}: time vs bound](benchmarks/link-${run.profile.id}.svg)`, '');
  const rows = rowsOf(r, run);
  out.push(
    mdTable(
      ['workload', 'tool', 'wall s', 'bound s', '× bound', '× bare', 'API calls / file', '429s (late)', 'peak RSS MB', 'CPU s', 'others'],
      rows.map((x) => [
        x.workload + (x.limits ? ', **limits**' : ''),
        label(x.tool) + (x.sampleFiles < (r.workloads.find((w) => w.id === x.workload)?.files ?? 0) ? ` (first ${x.sampleFiles} files, ×${fmt((r.workloads.find((w) => w.id === x.workload)?.files ?? 0) / x.sampleFiles, 0)})` : ''),
        x.ok ? fmt(x.wallS, 2) : `FAILED: ${x.error ?? ''}`,
        fmt(x.bound.totalS, 2),
        fmt(x.xBound, 2),
        fmt(x.xBare, 2),
        x.apiCalls ? fmt(x.apiCalls / x.sampleFiles, 2) : '–',
        x.apiCalls ? `${x.throttled} (${x.throttledAfterFirstWindow})` : '–',
        fmt(x.rssMB, 0),
        fmt(x.cpuS, 1),
        fmt(x.otherCores, 2),
      ]),
    ),
    '',
    mdTable(['target', 'required', 'measured', 'result'], checks(run, rows).map((t) => [t.name, t.required, t.actual, t.pass === false ? '**FAIL**' : verdict(t.pass)]), true),
    '',
  );
  return out;
}

function apiTable(r: LinkReport): string[] {
  const rows = r.runs.flatMap((run) => run.samples.filter((s) => s.apiCalls && !s.limits && s.workload !== 'large').map((s) => ({ run, s })));
  if (!rows.length) return [];
  return [
    '### API calls per file (no limits; every request through the counting proxy behind the link)',
    '',
    mdTable(
      ['profile · workload', 'tool', 'per file', 'by route'],
      rows.map(({ run, s }) => [`${run.profile.id} · ${s.workload}`, label(s.tool), fmt(s.apiCalls / s.sampleFiles, 2), Object.entries(s.apiCounts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ')]),
      true,
    ),
    '',
  ];
}

export const LINKS_START = '<!-- links: written by `npm run bench` (link profiles) -->';
export const LINKS_END = '<!-- /links -->';
const NOTES_START = '<!-- link-notes: kept when the bench rewrites this section -->';
const NOTES_END = '<!-- /link-notes -->';

function between(text: string, a: string, b: string): string | undefined {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  return i >= 0 && j > i ? text.slice(i, j + b.length) : undefined;
}

export function linksBlock(r: LinkReport, old: string): string {
  const w = r.workloads;
  const out = [LINKS_START, '## Over an emulated link', ''];
  out.push(
    `Generated by \`npm run bench\` (the last run of link profiles took ${fmt(r.totalS / 60, 1)} min; each profile says when it was measured), ${r.machine.nproc} cores, 1-minute load average ${fmt(r.machine.loadAvg1, 2)} when the last run started (the machine is shared: "others" is the CPU unrelated processes used during each upload, in cores). ` +
      'Every contender goes through the same link emulator (`bench/lib/link-proxy.ts`: a TCP proxy adding half the RTT each way and one bandwidth cap per direction shared by all connections, ' +
      'a new connection paying one RTT for its handshake) in front of both the sandbox API and radosgw; the sandbox signs part URLs for the proxy. ' +
      `Workloads: ${w.map((x) => `${x.title} (${fmt(x.bytes / 1e6, 0)} MB)`).join('; ')}; inputs evicted from the page cache before each upload (read from disk). ` +
      'The **physical bound** is max(bytes ÷ link rate, files ÷ 5 creates/s when Frame.io\'s limits are on) + 3 RTT (one create, PUT and completion); "× bare" divides by the bare create+PUT on the same link. ' +
      '"Ferry" is `ferry upload` over V4 (its built CLI bundle); V2 Ferry\'s API calls are counted by the loopback runs above. ' +
      `The SDK pattern sends the first ${r.sizes.sdkStills} of the stills one at a time and its time is scaled to all of them (1,000 serial files would take ~10 min at 120 ms). One run per cell.`,
    '',
  );
  for (const run of r.runs) out.push(...profileSection(r, run));
  out.push(...apiTable(r));
  out.push('### Where the time goes', '', between(old, NOTES_START, NOTES_END) ?? `${NOTES_START}\n_(no notes yet)_\n${NOTES_END}`, '', LINKS_END);
  return out.join('\n');
}

const ORDER = ['lan', 'office', 'far'];

/** The profiles this run did not measure, as the last saved results have them (a run may measure only some). */
function withEarlier(r: LinkReport, jsonPath: string): LinkReport {
  if (!existsSync(jsonPath)) return r;
  const old = JSON.parse(readFileSync(jsonPath, 'utf8')) as LinkReport;
  // A profile whose self-check failed this time keeps its last measured results (the failed check is in the log).
  const measured = new Set(r.runs.filter((x) => x.samples.length || !old.runs.some((o) => o.profile.id === x.profile.id && o.samples.length)).map((x) => x.profile.id));
  const kept = old.runs.filter((x) => !measured.has(x.profile.id)).map((x) => ({ ...x, at: x.at ?? old.machine.date }));
  if (!kept.length) return r;
  const runs = [...r.runs.filter((x) => measured.has(x.profile.id)), ...kept].sort((a, b) => ORDER.indexOf(a.profile.id) - ORDER.indexOf(b.profile.id));
  return { ...r, runs };
}

/**
 * Writes the charts, docs/benchmarks/links.json and the links section of docs/benchmarks.md (the rest untouched).
 * Profiles this run did not measure keep their last saved results (each says when it was measured).
 */
export async function writeLinkDocs(repo: string, fresh: LinkReport, log: (l: string) => void): Promise<void> {
  const dir = join(repo, 'docs', 'benchmarks');
  await mkdir(dir, { recursive: true });
  const r = withEarlier(fresh, join(dir, 'links.json'));
  for (const run of r.runs.filter((x) => x.samples.length)) await writeFile(join(dir, `link-${run.profile.id}.svg`), chart(r, run));
  await writeFile(join(dir, 'links.json'), `${JSON.stringify(r, null, 2)}\n`);
  const md = join(repo, 'docs', 'benchmarks.md');
  const old = existsSync(md) ? readFileSync(md, 'utf8') : '# Benchmarks\n';
  const block = linksBlock(r, old);
  const present = between(old, LINKS_START, LINKS_END);
  let next: string;
  if (present) next = old.replace(present, block);
  else {
    const at = old.indexOf('\n## Targets');
    next = at >= 0 ? `${old.slice(0, at + 1)}${block}\n\n${old.slice(at + 1)}` : `${old.trimEnd()}\n\n${block}\n`;
  }
  await writeFile(md, next);
  log('wrote the link section of docs/benchmarks.md, docs/benchmarks/link-*.svg and docs/benchmarks/links.json');
}

/** For the full report's rewrite of docs/benchmarks.md: the links section as it stands. */
export function keptLinks(mdPath: string): string | undefined {
  return existsSync(mdPath) ? between(readFileSync(mdPath, 'utf8'), LINKS_START, LINKS_END) : undefined;
}

