// From a page recording to the numbers the report shows, and the verdict against the target.
import type { LongFrame, Recording } from './page-recorder.js';

/** One frame at 60 Hz. */
export const FRAME_BUDGET_MS = 1000 / 60;
/**
 * Headless Chromium paces rAF from a 60 Hz begin-frame source and its timestamps are 0.1 ms-quantised: frames that
 * made it measure 16.6–16.8 ms, a frame that missed its vsync measures ≥ 33.3 ms. A frame counts as over budget,
 * and the p95 target as missed, only beyond this tolerance, so timer rounding is not counted as a dropped frame.
 */
export const JITTER_MS = 1;
export const OVER_BUDGET_MS = FRAME_BUDGET_MS + JITTER_MS;

export interface Dist {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ScenarioResult {
  id: string;
  label: string;
  /** What the scenario did, for the report: "40 pushes of 1,000 rows (252 KB each)". */
  detail: string;
  windowS: number;
  frames: Dist & { over: number; overShare: number; fps: number };
  renderSteps: Dist;
  events: Dist & { bytesP50: number };
  longTasks: { n: number; totalMs: number; maxMs: number };
  longFrames: { n: number; maxMs: number; top: string[] };
  /**
   * CPU time of the page's main thread over the window, in ms (CDP Performance metrics in thread time: waiting for
   * a core does not count, so this is steadier than wall time on a busy machine): all tasks, and the script, layout
   * and style-recalculation parts of them.
   */
  mainThread: { taskMs: number; scriptMs: number; layoutMs: number; styleMs: number };
  /** Cores used during the window: Chromium's processes, the bench process (host, backend, sandbox), and the rest. */
  cpu: { chromiumCores: number; benchCores: number; otherCores: number; waitedS: number };
  /** Only scenarios with a target get a verdict; the idle baseline does not. */
  verdict?: 'PASS' | 'MISS';
  /** Every repetition's p95 and over-budget share (the fields above are the median repetition's). */
  reps: Array<{ p95: number; overShare: number; otherCores: number }>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function dist(xs: readonly number[]): Dist {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), max: s.length ? s[s.length - 1]! : NaN };
}

/** The long animation frames' heaviest scripts, summed by what invoked them: where the time went. */
function topScripts(frames: readonly LongFrame[], n = 3): string[] {
  const by = new Map<string, number>();
  for (const f of frames) for (const s of f.scripts) by.set(`${s.invoker} → ${s.source}`, (by.get(`${s.invoker} → ${s.source}`) ?? 0) + s.durationMs);
  return [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${k} (${Math.round(ms)} ms)`);
}

export function summarize(
  base: Pick<ScenarioResult, 'id' | 'label' | 'detail' | 'mainThread' | 'cpu'>,
  rec: Recording,
  withTarget: boolean,
): ScenarioResult {
  const frames = dist(rec.frames);
  const over = rec.frames.filter((d) => d > OVER_BUDGET_MS).length;
  const events = dist(rec.events.map((e) => e.ms));
  const result: ScenarioResult = {
    ...base,
    windowS: rec.windowMs / 1000,
    frames: { ...frames, over, overShare: frames.n ? over / frames.n : NaN, fps: frames.n / (rec.windowMs / 1000) },
    renderSteps: dist(rec.renderSteps),
    events: { ...events, bytesP50: percentile([...rec.events.map((e) => e.bytes)].sort((a, b) => a - b), 0.5) },
    longTasks: { n: rec.longTasks.length, totalMs: rec.longTasks.reduce((a, b) => a + b, 0), maxMs: rec.longTasks.length ? Math.max(...rec.longTasks) : 0 },
    longFrames: { n: rec.longFrames.length, maxMs: rec.longFrames.length ? Math.max(...rec.longFrames.map((f) => f.durationMs)) : 0, top: topScripts(rec.longFrames) },
    reps: [],
  };
  if (withTarget) result.verdict = frames.p95 <= OVER_BUDGET_MS ? 'PASS' : 'MISS';
  return result;
}

/**
 * Repetitions of one scenario → the median one (by p95, then by the share of frames over budget), carrying every
 * repetition's p95: interference from other processes only ever adds time, so one noisy window should not decide.
 */
export function medianRep(reps: readonly ScenarioResult[]): ScenarioResult {
  const sorted = [...reps].sort((a, b) => a.frames.p95 - b.frames.p95 || a.frames.overShare - b.frames.overShare);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!mid) throw new Error('no repetitions');
  return { ...mid, reps: reps.map((r) => ({ p95: r.frames.p95, overShare: r.frames.overShare, otherCores: r.cpu.otherCores })) };
}
