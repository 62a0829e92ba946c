// Frame times of the renderer in real Chromium (docs/benchmarks.md, "Renderer frame times"): the built renderer on
// the browser host over the desktop backend and a sandbox (the e2e harness), measured from inside the page.
//
//   idle      the page with a folder open, nothing happening: the baseline (and the machine's noise)
//   queue     1,000 queued files updating: 'uploads:progress' with every moving row 4×/s for 10 s, a few finishing
//   scroll    a 10,000-item folder scrolled at wheel speed, then from top to bottom in 15 s (scrollTop set after
//             each frame)
//
// Run alone:  npx tsx bench/ui/frames.ts [--docs] [--renderer head|working] [--reps N] [--json FILE] [--from-json FILE]
// or from the bench: npm run bench -- --only ui   (section of docs/benchmarks.md only; the rest is kept)
import '../lib/quiet.js'; // first: silences the AWS SDK's Node-version notice before the sandbox loads it
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import type { AppHarness, openApp as OpenApp } from '../../tests/e2e/support/app-harness.js';
import { CHROMIUM_ARGS, launchChromium } from '../../tests/e2e/support/chromium.js';
import { describeMachine } from '../lib/machine.js';
import { clusterCpuS, systemBusyS, waitForQuiet } from '../lib/server-cpu.js';
import { RECORDER_SCRIPT, type BenchRecorder, type Recording, type ScrollPlan } from './page-recorder.js';
import { prepareRenderer, type RendererSource } from './renderer-build.js';
import { consoleUiReport, writeUiDocs, type UiReport } from './report.js';
import { BIG_FOLDER, BIG_FOLDER_ITEMS, ROW_PX, createBigFolder, openFolder, pushQueueUpdates, sleep } from './scenarios.js';
import { dist, FRAME_BUDGET_MS, medianRep, summarize, type ScenarioResult } from './summary.js';

const IDLE_SECONDS = 5;
// Two scrolling speeds through the 10,000 rows of 36 px: a brisk mouse wheel (100 px a frame, about 3 rows, for
// 20 s: the first third of the folder), and a skim from top to bottom in 15 s (about 400 px, 11 new rows, a frame).
const WHEEL_PX_PER_MS = 6;
const WHEEL_SECONDS = 20;
const SKIM_SECONDS = 15;
const SCROLLER = '[data-testid="contents-scroller"]';
const QUIET_BUSY_CORES = 0.5;
const QUIET_WAIT_MS = 15_000;

export interface UiOptions {
  renderer: RendererSource;
  /** Windows per scenario; the report shows the median one (default 3). */
  reps: number;
  log: (line: string) => void;
}

// ---------------------------------------------------------------- what is running, so a signal can stop it

const running = new Set<() => Promise<unknown>>();
async function track<T>(start: Promise<T>, stop: (x: T) => Promise<unknown>, body: (x: T) => Promise<unknown>): Promise<void> {
  const x = await start;
  let closing: Promise<unknown> | undefined;
  const close = () => (closing ??= stop(x)); // once, whether the body ends or a signal comes first
  running.add(close);
  try {
    await body(x);
  } finally {
    running.delete(close);
    await close().catch(() => undefined);
  }
}

// Playwright's own SIGINT handler exits the process as soon as it has killed the browser, before async cleanup can
// run: the temporary folders (the exported renderer, each app's work folder) are also removed when the process exits.
const exitRemovals = new Set<string>();
process.on('exit', () => {
  for (const dir of exitRemovals) rmSync(dir, { recursive: true, force: true });
});

/** Stops whatever the UI bench has open (browser, app, sandbox): for a signal handler. */
export async function stopUiBench(): Promise<void> {
  for (const close of [...running].reverse()) await close().catch(() => undefined);
  running.clear();
}

// ---------------------------------------------------------------- CPU and main-thread accounting

function childPids(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/** The Chromium this bench launched: playwright-core's Browser no longer exposes process(), and pid 0 made the
 * "Chromium" column count every process on the machine (its tree is everything). It is this process's child. */
function ownChromiumPid(): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && /chrom/i.test(readFileSync(`/proc/${name}/cmdline`, 'utf8'))) return Number(name);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error('cannot find the Chromium this bench started among its child processes');
}

interface Snapshot {
  wallS: number;
  busyS: number;
  benchS: number;
  chromium: Map<number, number>;
  metrics: Record<string, number>;
}

async function snapshot(cdp: CDPSession, browserPid: number): Promise<Snapshot> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const cpu = process.cpuUsage();
  return {
    wallS: performance.now() / 1000,
    busyS: systemBusyS(),
    benchS: (cpu.user + cpu.system) / 1e6,
    chromium: new Map(childPids(browserPid).map((pid) => [pid, clusterCpuS([pid])])),
    metrics: Object.fromEntries(metrics.map((m) => [m.name, m.value])),
  };
}

function usage(a: Snapshot, b: Snapshot, waitedS: number): Pick<ScenarioResult, 'cpu' | 'mainThread'> {
  const wall = b.wallS - a.wallS;
  let chromium = 0;
  for (const [pid, cpu] of b.chromium) chromium += cpu - (a.chromium.get(pid) ?? 0);
  const bench = b.benchS - a.benchS;
  const cpuMs = (name: string) => 1000 * ((b.metrics[name] ?? NaN) - (a.metrics[name] ?? NaN));
  return {
    cpu: { chromiumCores: chromium / wall, benchCores: bench / wall, otherCores: (b.busyS - a.busyS - chromium - bench) / wall, waitedS },
    mainThread: { taskMs: cpuMs('TaskDuration'), scriptMs: cpuMs('ScriptDuration'), layoutMs: cpuMs('LayoutDuration'), styleMs: cpuMs('RecalcStyleDuration') },
  };
}

// ---------------------------------------------------------------- one measured window

interface Measured {
  page: Page;
  cdp: CDPSession;
  browserPid: number;
  log: (line: string) => void;
}

async function measure(
  m: Measured,
  scenario: { id: string; label: string; withTarget: boolean; scroll?: ScrollPlan },
  body: () => Promise<string>,
): Promise<ScenarioResult> {
  const quiet = await waitForQuiet(QUIET_BUSY_CORES, QUIET_WAIT_MS);
  if (quiet.busyCores > QUIET_BUSY_CORES) m.log(`  (machine still busy: ${quiet.busyCores.toFixed(1)} cores in use; measuring anyway)`);
  const a = await snapshot(m.cdp, m.browserPid);
  await m.page.evaluate((plan) => (window as unknown as { __benchRecorder: BenchRecorder }).__benchRecorder.start(plan), scenario.scroll ? { scroll: scenario.scroll } : {});
  const detail = await body();
  const rec: Recording = await m.page.evaluate(() => (window as unknown as { __benchRecorder: BenchRecorder }).__benchRecorder.stop());
  const b = await snapshot(m.cdp, m.browserPid);
  const result = summarize({ id: scenario.id, label: scenario.label, detail, ...usage(a, b, quiet.waitedS) }, rec, scenario.withTarget);
  const f = result.frames;
  m.log(`  ${scenario.label}: ${f.n} frames, p50 ${f.p50.toFixed(1)} / p95 ${f.p95.toFixed(1)} / p99 ${f.p99.toFixed(1)} / max ${f.max.toFixed(1)} ms, ${(100 * f.overShare).toFixed(1)} % over budget${result.verdict ? ` → ${result.verdict}` : ''}`);
  return result;
}

/** The page with the recorder installed before the app's scripts (a reload, since openApp has loaded it). */
async function instrument(app: AppHarness, browserPid: number, log: (line: string) => void): Promise<Measured> {
  exitRemovals.add(app.work);
  await app.page.addInitScript({ content: RECORDER_SCRIPT });
  await app.page.reload();
  const cdp = await app.page.context().newCDPSession(app.page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page: app.page, cdp, browserPid, log };
}

const idle = (m: Measured, label: string) =>
  measure(m, { id: `idle-${label}`, label: `Idle, ${label}`, withTarget: false }, async () => {
    await sleep(IDLE_SECONDS * 1000);
    return `${IDLE_SECONDS} s, no events, no scrolling`;
  });

async function within<T>(work: Promise<T>, ms: number, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(failure)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Scrolls the grid from the top at `pxPerMs` (default: whatever reaches the bottom in `seconds`) for `seconds`. */
async function scrollWindow(m: Measured, o: { id: string; label: string; pxPerMs?: number; seconds: number }): Promise<ScenarioResult> {
  const range = await m.page.locator(SCROLLER).evaluate((el) => {
    el.scrollTop = 0;
    return el.scrollHeight - el.clientHeight;
  });
  await sleep(500);
  const pxPerMs = o.pxPerMs ?? range / (o.seconds * 1000);
  const distancePx = Math.min(range, pxPerMs * o.seconds * 1000);
  const scroll: ScrollPlan = { selector: SCROLLER, pxPerMs, distancePx };
  return measure(m, { id: o.id, label: o.label, withTarget: true, scroll }, async () => {
    const scrolled = m.page.evaluate(() => (window as unknown as { __benchRecorder: BenchRecorder }).__benchRecorder.whenScrolled());
    await within(scrolled, o.seconds * 1000 + 30_000, `${o.label}: the scroller did not reach ${Math.round(distancePx)} px`);
    const rows = distancePx / ROW_PX;
    return `${Math.round(pxPerMs * 1000).toLocaleString('en-US')} px/s (${(pxPerMs * FRAME_BUDGET_MS / ROW_PX).toFixed(1)} rows a frame), ` +
      `${distancePx >= range ? 'top to bottom' : 'from the top'}: ${Math.round(distancePx).toLocaleString('en-US')} px, ${Math.round(rows).toLocaleString('en-US')} rows, in ${o.seconds} s`;
  });
}

/** `reps` times: a freshly loaded page with the folder open, the idle baseline, then the scenario. */
async function repeat(reps: number, open: (first: boolean) => Promise<void>, windows: Array<() => Promise<ScenarioResult>>): Promise<ScenarioResult[]> {
  const results: ScenarioResult[][] = windows.map(() => []);
  for (let rep = 0; rep < reps; rep++) {
    await open(rep === 0);
    for (const [i, window] of windows.entries()) results[i]!.push(await window());
  }
  return results.map(medianRep);
}

// ---------------------------------------------------------------- the whole run

export async function runUiBench(options: UiOptions): Promise<UiReport> {
  const t0 = Date.now();
  const { log, reps } = options;
  const machine = describeMachine();
  const scenarios: ScenarioResult[] = [];
  let chromiumVersion = '?';
  let rendererDescription = '';
  log(`UI: building the renderer (${options.renderer === 'head' ? 'HEAD' : 'working tree'})…`);
  await track(prepareRenderer(options.renderer), (r) => r.dispose(), async (renderer) => {
    rendererDescription = renderer.describe;
    if (renderer.temporary) exitRemovals.add(renderer.root);
    const harness = (await import(pathToFileURL(join(renderer.root, 'tests/e2e/support/app-harness.ts')).href)) as { openApp: typeof OpenApp };
    await track(launchChromium(), (c) => c.stop(), async (chromium) => {
      chromiumVersion = chromium.browser.version();
      const browserPid = ownChromiumPid();

      log(`UI: 1,000 queued files updating (${reps} repetitions)…`);
      await track(harness.openApp(chromium.browser), (app) => app.close(), async (app) => {
        const m = await instrument(app, browserPid, log);
        scenarios.push(...(await repeat(reps, (first) => openFolder(app, 'Day 1', { row: 'slate.svg' }, first), [
          () => idle(m, 'Day 1 open'),
          () => measure(m, { id: 'queue', label: '1,000 queued files updating', withTarget: true }, () => pushQueueUpdates(app, 'Demo Project › Day 1')),
        ])));
      });

      const items = BIG_FOLDER_ITEMS.toLocaleString('en-US');
      log(`UI: scrolling ${items} items (${reps} repetitions; creating them first)…`);
      await track(harness.openApp(chromium.browser), (app) => app.close(), async (app) => {
        const m = await instrument(app, browserPid, log);
        await createBigFolder(app);
        scenarios.push(...(await repeat(reps, (first) => openFolder(app, BIG_FOLDER, { footer: `${items} items` }, first), [
          () => idle(m, `${items}-item folder open`),
          () => scrollWindow(m, { id: 'scroll-wheel', label: `Scrolling ${items} items, wheel speed`, pxPerMs: WHEEL_PX_PER_MS, seconds: WHEEL_SECONDS }),
          () => scrollWindow(m, { id: 'scroll-skim', label: `Scrolling ${items} items, top to bottom in ${SKIM_SECONDS} s`, seconds: SKIM_SECONDS }),
        ])));
      });
    });
  });
  const idleFrames = scenarios.filter((s) => s.id.startsWith('idle')).map((s) => s.frames.p50);
  return {
    date: new Date(t0).toISOString(),
    totalS: (Date.now() - t0) / 1000,
    machine: { nproc: machine.nproc, cpuModel: machine.cpuModel, memGiB: machine.memGiB, os: machine.os, kernel: machine.kernel, node: machine.node, loadAvg1: machine.loadAvg1 },
    chromium: chromiumVersion,
    chromiumArgs: CHROMIUM_ARGS,
    renderer: rendererDescription,
    reps,
    idleCadenceMs: dist(idleFrames).p50,
    scenarios,
  };
}

// ---------------------------------------------------------------- alone: npx tsx bench/ui/frames.ts

async function cli(): Promise<number> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'boolean', default: false },
      renderer: { type: 'string', default: 'head' },
      reps: { type: 'string', default: '3' },
      json: { type: 'string' },
      'from-json': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('npx tsx bench/ui/frames.ts [--docs] [--renderer head|working] [--reps N] [--json FILE] [--from-json FILE]');
    return 0;
  }
  if (values.renderer !== 'head' && values.renderer !== 'working') {
    console.error('--renderer must be head or working');
    return 2;
  }
  const log = (line: string) => process.stderr.write(`[bench:ui] ${line}\n`);
  if (values['from-json']) {
    // No measuring: print and (with --docs) rewrite the section from saved results, e.g. docs/benchmarks/ui-frames.json.
    const saved = JSON.parse(await readFile(values['from-json'], 'utf8')) as UiReport;
    console.log(consoleUiReport(saved));
    if (values.docs) await writeUiDocs(saved, log);
    return 0;
  }
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) {
    console.error('--reps must be a positive integer');
    return 2;
  }
  const report = await runUiBench({ renderer: values.renderer, reps, log });
  console.log(consoleUiReport(report));
  if (values.docs) await writeUiDocs(report, log);
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stop = (sig: NodeJS.Signals) => void stopUiBench().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  cli()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`[bench:ui] error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}

