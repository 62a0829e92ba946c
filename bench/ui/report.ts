// The frame-time bench's part of the terminal output and of docs/benchmarks.md: one marked block ("Renderer frame
// times"), which `--only ui` / `bench/ui/frames.ts --docs` replace in place, and which a throughput run that skips
// the UI keeps as it was.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO } from '../lib/tools.js';
import { FRAME_BUDGET_MS, JITTER_MS, OVER_BUDGET_MS, type Dist, type ScenarioResult } from './summary.js';

export interface UiReport {
  date: string;
  totalS: number;
  machine: { nproc: number; cpuModel: string; memGiB: number; os: string; kernel: string; node: string; loadAvg1: number };
  chromium: string;
  chromiumArgs: string[];
  /** Which renderer build was measured: commit, and whether it was HEAD or the working tree. */
  renderer: string;
  /** Windows measured per scenario; each row is the median one. */
  reps: number;
  /** Median rAF interval on the idle pages: how headless Chromium paces frames on this machine. */
  idleCadenceMs: number;
  scenarios: ScenarioResult[];
}

export const UI_START = '<!-- ui-frames: written by bench/ui/frames.ts; kept as it is when a bench run skips the UI -->';
export const UI_END = '<!-- /ui-frames -->';

const ms = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
const trio = (d: Dist) => (d.n ? `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.max)}` : '–');
const BUDGET = ms(FRAME_BUDGET_MS);
/** Cores used by others: the busy-time difference can come out a little below zero (tick rounding). */
const cores = (x: number) => ms(Math.max(0, x), 2);
const perFrame = ({ mainThread: t, frames: { n } }: ScenarioResult) =>
  n ? `${ms(t.taskMs / n)} (${ms(t.scriptMs / n)} / ${ms(t.layoutMs / n)} / ${ms(t.styleMs / n)})` : '–';

export function consoleUiReport(r: UiReport): string {
  const lines = ['', `Renderer frame times (Chromium ${r.chromium}, rAF cadence when idle ${ms(r.idleCadenceMs, 2)} ms; target p95 ≤ ${BUDGET} ms; median of ${r.reps} window(s))`];
  const row = (cells: string[]) => `  ${cells[0]!.padEnd(48)} ${cells.slice(1, -1).map((c) => c.padStart(8)).join(' ')}  ${cells[cells.length - 1]}`;
  lines.push(row(['scenario', 'frames', 'p50', 'p95', 'p99', 'max', 'over', 'CPU/fr', 'others', 'result']));
  for (const s of r.scenarios) {
    const f = s.frames;
    lines.push(row([s.label, String(f.n), ms(f.p50), ms(f.p95), ms(f.p99), ms(f.max), pct(f.overShare), ms(s.mainThread.taskMs / f.n), cores(s.cpu.otherCores), s.verdict ?? 'baseline']));
  }
  const missed = r.scenarios.filter((s) => s.verdict === 'MISS');
  lines.push(missed.length ? `MISSED: ${missed.map((s) => s.label).join('; ')}` : 'Frame-time targets met.');
  return lines.join('\n');
}

const idleChromium = (r: UiReport) => r.scenarios.filter((s) => !s.verdict).map((s) => cores(s.cpu.chromiumCores)).join(' and ');

function table(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  return [head, align.map((a) => (a === 'r' ? '---:' : '---')), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

export function uiMarkdown(r: UiReport): string {
  const m = r.machine;
  const out: string[] = [UI_START, '## Renderer frame times', ''];
  out.push(
    `Measured ${new Date(r.date).toUTCString()} (${ms(r.totalS / 60)} min) by \`npm run bench -- --only ui\` (\`bench/ui/frames.ts\`), ` +
      `which rewrites only this section. Target (from the issue): no frame over ${BUDGET} ms at the 95th percentile. ` +
      `Each scenario ran in ${r.reps} window${r.reps > 1 ? 's' : ''}, each on a freshly loaded page; a row shows the median window (by p95) and, in brackets, every window.`,
  );
  out.push('');
  out.push(`- Machine: ${m.nproc} CPU cores (${m.cpuModel}), ${ms(m.memGiB, 0)} GiB RAM, ${m.os}, Linux ${m.kernel}; Node ${m.node}; ` +
    `Chromium ${r.chromium} (Debian), headless; 1-minute load average at the start ${ms(m.loadAvg1, 2)}.`);
  out.push(`- Renderer: Ferry at ${r.renderer}, production build (\`scripts/build-renderer.mjs\`), 1280×800 window, on the browser host over ` +
    'the desktop backend and a sandbox (`tests/e2e/support/app-harness.ts`), signed in.');
  out.push('');
  out.push(
    table(
      ['scenario', 'frames', 'p50 ms', 'p95 ms (each window)', 'p99 ms', 'max ms', `frames over ${BUDGET} ms (each window)`, 'long tasks (≥ 50 ms)', `p95 ≤ ${BUDGET} ms`],
      r.scenarios.map((s) => [
        s.label,
        String(s.frames.n),
        ms(s.frames.p50),
        `**${ms(s.frames.p95)}** (${s.reps.map((x) => ms(x.p95)).join(', ')})`,
        ms(s.frames.p99),
        ms(s.frames.max),
        `${s.frames.over}, ${pct(s.frames.overShare)} (${s.reps.map((x) => pct(x.overShare)).join(', ')})`,
        s.longTasks.n ? `${s.longTasks.n}, max ${ms(s.longTasks.maxMs, 0)} ms` : '0',
        s.verdict === 'MISS' ? '**MISS**' : (s.verdict ?? 'baseline'),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  out.push('');
  const targeted = r.scenarios.filter((s) => s.verdict && s.frames.n);
  out.push(`Headroom: main-thread CPU per frame against the ${BUDGET} ms budget, which a slower or busier machine eats into first: ` +
    `${targeted.map((s) => `${s.label.replace(/^Scrolling [\d,]+ items, /, 'scrolling, ')} ${ms(s.mainThread.taskMs / s.frames.n)} ms (${ms((100 * s.mainThread.taskMs) / s.frames.n / FRAME_BUDGET_MS, 0)} %)`).join('; ')}.`);
  out.push('');
  out.push('Where the time goes (p50 / p95 / max, ms; main-thread CPU is Chrome\'s own task accounting in thread time, averaged over the window\'s frames):');
  out.push('');
  out.push(
    table(
      ['scenario', 'what ran', 'per pushed event: handler + React commit', 'rest of each frame after rAF', 'main-thread CPU per frame: all (script / layout / style)', 'long animation frames: top scripts', 'cores: Chromium / bench / others'],
      r.scenarios.map((s) => [
        s.label,
        s.detail,
        s.events.n ? `${trio(s.events)} (${s.events.n} events)` : '–',
        trio(s.renderSteps),
        perFrame(s),
        s.longFrames.n ? `${s.longFrames.n}, max ${ms(s.longFrames.maxMs, 0)} ms${s.longFrames.top.length ? `: ${s.longFrames.top.join('; ').replace(/\|/g, '\\|')}` : ' (no script in them)'}` : '0',
        `${cores(s.cpu.chromiumCores)} / ${cores(s.cpu.benchCores)} / ${cores(s.cpu.otherCores)}${s.cpu.waitedS >= 1 ? ` (waited ${ms(s.cpu.waitedS, 0)} s for quiet)` : ''}`,
      ]),
      ['l', 'l', 'r', 'r', 'r', 'l', 'r'],
    ),
  );
  out.push('');
  out.push(
    [
      '**How it is measured.**',
      `- Frame pacing: on this machine headless Chromium runs requestAnimationFrame at a steady ${ms(r.idleCadenceMs, 2)} ms when idle (its own 60 Hz ` +
        'begin-frame source: there is no display, but it is not uncapped either). A frame\'s time is the delta between the timestamps of consecutive ' +
        'rAF callbacks, so a frame whose work missed the vsync shows as 33.3 ms, two as 50 ms. The timestamps are rounded to 0.1 ms, so idle frames read ' +
        `16.6–16.8 ms: a frame counts as over budget, and p95 as a miss, above ${ms(OVER_BUDGET_MS)} ms (${BUDGET} ms + ${ms(JITTER_MS, 0)} ms for rounding).`,
      `- Chromium flags: exactly the e2e harness's (\`${r.chromiumArgs.join(' ')}\`), nothing added. With \`--disable-frame-rate-limit ` +
        '--disable-gpu-vsync --run-all-compositor-stages-before-draw` the same Chromium runs rAF uncapped (about 0.2 ms per idle frame); that was ' +
        'not used, because the percentiles would then be over thousands of empty frames a second and the spinning frame loop takes a core from ' +
        `a ${m.nproc}-core machine. \`--run-all-compositor-stages-before-draw\` alone keeps the 60 Hz pacing.`,
      '- Also recorded in the page (`bench/ui/page-recorder.ts`, installed before the app\'s scripts): long tasks and long animation frames ' +
        '(PerformanceObserver, both ≥ 50 ms, the latter with the scripts that made them long); each pushed event timed from its EventSource ' +
        'listener\'s start to a microtask queued after it (JSON parse, store update, and React\'s synchronous render and commit); and "the rest ' +
        'of each frame": from the first rAF callback to a message posted from it (other rAF callbacks, style, layout, paint, commit, plus any task ' +
        'that got in first).',
      '- Scenarios: idle is the same page with nothing happening. "Queued files" pushes what main\'s DesktopBackend pushes, through the same host ' +
        '(`host.push` → Server-Sent Events → the bridge → the store): every moving row in one `uploads:progress` event every 250 ms, all 1,000 ' +
        '`uploading` at first (more than the engine moves at once: a worst case), three finishing each second with `uploads:state`; the ' +
        'queue panel is open, the grid shows Day 1. "Scrolling" creates 10,000 file assets through the sandbox API, waits until the grid has ' +
        'loaded them all, then scrolls the grid\'s scroller (`[data-testid="contents-scroller"]`) by setting `scrollTop` from elapsed time ' +
        'right after each frame (when layout is clean, as a wheel or the scrollbar would; set inside rAF it would force the layout of the ' +
        'page\'s own changes and count it twice). Two speeds: a brisk wheel (100 px, about 3 rows, a frame) and a skim from top to bottom ' +
        'in 15 s (about 11 new rows a frame, as dragging the scrollbar does). This measures the main thread\'s work per scrolled frame: a ' +
        'scroller that Chromium composites can keep moving on the compositor thread while the main thread is late (rows then appear late), ' +
        'one that it does not composite cannot.',
      '- What a grid row costs (the renderer measured, `src/renderer/features/browser`): a row is a flex line of five fixed-width cells ' +
        'with `contain: strict` (it lays out alone); its icons are one element each (a CSS mask of the lucide shape, `components/glyphs.css`), ' +
        'not an SVG tree; the elements of rows that scroll out are reused for the rows that scroll in (`row-slots.ts`: React updates their ' +
        'text instead of creating elements); and while the grid moves faster than 12 px/ms (about 5 rows a frame: the skim, not the wheel) ' +
        'rows fill in only icon and name until the scroll settles (`use-skimming.ts`).',
      '- The main-thread CPU column comes from CDP `Performance.getMetrics` in thread time. The rAF loop itself makes Chromium produce a ' +
        `frame every vsync: on the idle pages Chromium used ${idleChromium(r)} cores (software compositing, \`--disable-gpu\`), part of every window.`,
      '- Before each window the bench waits up to 15 s for the machine to be quiet; "others" is the CPU that unrelated processes used during it. ' +
        'Frame times are wall-clock, so they depend on what else runs: read "others" and the headroom line before comparing two runs. ' +
        'The renderer measured is the committed one (HEAD exported with `git archive` and built apart from the working tree), unless ' +
        '`npx tsx bench/ui/frames.ts --renderer working`.',
    ].join('\n'),
  );
  out.push('');
  out.push(UI_END);
  return out.join('\n');
}

function currentBlock(md: string): { start: number; end: number } | null {
  const start = md.indexOf(UI_START);
  const end = md.indexOf(UI_END);
  return start >= 0 && end > start ? { start, end: end + UI_END.length } : null;
}

/** For the whole-page rewrite (bench/lib/report.ts): this run's section, or the one already in the file. */
export function uiDocsBlock(report: UiReport | undefined, mdPath: string): string | null {
  if (report) return uiMarkdown(report);
  if (!existsSync(mdPath)) return null;
  const md = readFileSync(mdPath, 'utf8');
  const at = currentBlock(md);
  return at ? md.slice(at.start, at.end) : null;
}

/** Replaces only the UI section of docs/benchmarks.md (before the notes when it has none yet), and saves the raw results. */
export async function writeUiDocs(report: UiReport, log: (line: string) => void): Promise<void> {
  const mdPath = join(REPO, 'docs', 'benchmarks.md');
  const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '# Benchmarks\n';
  const block = uiMarkdown(report);
  const at = currentBlock(md);
  const notes = md.indexOf('\n## Notes');
  const next = at
    ? md.slice(0, at.start) + block + md.slice(at.end)
    : notes >= 0
      ? `${md.slice(0, notes + 1)}${block}\n\n${md.slice(notes + 1)}`
      : `${md.trimEnd()}\n\n${block}\n`;
  await writeFile(mdPath, next);
  await mkdir(join(REPO, 'docs', 'benchmarks'), { recursive: true });
  await writeFile(join(REPO, 'docs', 'benchmarks', 'ui-frames.json'), `${JSON.stringify(report, null, 2)}\n`);
  log('wrote the "Renderer frame times" section of docs/benchmarks.md and docs/benchmarks/ui-frames.json');
}
