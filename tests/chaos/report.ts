// The run's end: a table of what was injected (by the sandbox, the proxy and the conductor) and what came of it, then
// the one closing line the contract names.
import { JOURNAL_MAX_UNJOURNALED_PARTS } from '../../src/core/upload/journal-lag';
import type { RunContext } from './context';
import type { Verdict } from './verify';

export interface Tally {
  /** Sandbox faults by kind (its own counters). */
  sandbox: Record<string, number>;
  resent: number;
  resentBound: number;
  seconds: number;
}

/** Faults by kind: what the sandbox injected, then the conductor's acts. Resumes undo pauses: not faults. */
export function faultsByKind(ctx: RunContext, sandbox: Record<string, number>): Array<[string, number]> {
  const { acts } = ctx;
  return [
    ['503 on a part PUT', sandbox.put503 ?? 0],
    ['500 on a part PUT', sandbox.put500 ?? 0],
    ['connection reset mid-part', sandbox.putReset ?? 0],
    ['slow part body', sandbox.putSlow ?? 0],
    ['429 from the API', sandbox.api429 ?? 0],
    ['expired part URLs', sandbox.expireUrls ?? 0],
    ['network cut (proxy down)', acts.cut],
    ['stalled connection', acts.stall],
    ['token rotated (401s)', acts.rotate],
    ['file changed mid-upload', acts.change],
    ['kill -9 of ferry', acts.kill],
    ['cancel', acts.cancel],
    ['pause (then resume)', acts.pause],
    ['retry storm action', acts.retry],
  ];
}

export const totalFaults = (rows: Array<[string, number]>): number => rows.reduce((n, [, c]) => n + c, 0);

export function table(ctx: RunContext, verdict: Verdict, tally: Tally, ok: boolean): string {
  const rows = faultsByKind(ctx, tally.sandbox);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const line = (k: string, v: string | number, w = '') => `| ${k.padEnd(width)} | ${String(v).padStart(8)} | ${w.padStart(8)} |`;
  const out = [line('fault', 'injected', 'survived'), `|${'-'.repeat(width + 2)}|----------|----------|`];
  // Survived: the run's proof (every file complete once and identical, or failed with a reason) held after all of them.
  for (const [kind, n] of rows) out.push(line(kind, n, ok ? String(n) : '-'));
  out.push(line('total', totalFaults(rows), ok ? String(totalFaults(rows)) : '-'));
  out.push('');
  out.push(`connections dropped by the cuts: ${ctx.connectionsCut}; completion lag on every file (not counted as a fault)`);
  out.push(`files: ${ctx.files.size} (${(ctx.bytes / 1024 ** 2).toFixed(1)} MiB), kills: ${ctx.acts.kill}, time: ${tally.seconds.toFixed(0)} s`);
  out.push(`outcomes: complete and identical ${verdict.complete}, failed with a reason ${verdict.failed}, corrupt ${verdict.corrupt.length}, duplicated ${verdict.duplicated.length}, lost ${verdict.lost.length}, orphan placeholders ${verdict.orphans.length}`);
  out.push(`parts stored more than once: ${tally.resent} (bound ${tally.resentBound}: ${JOURNAL_MAX_UNJOURNALED_PARTS} per kill or 401, plus every cut or stalled connection, plus 8 per pause or cancel)`);
  for (const [what, list] of [['corrupt', verdict.corrupt], ['duplicated', verdict.duplicated], ['lost', verdict.lost], ['orphan', verdict.orphans]] as const) {
    for (const item of list.slice(0, 20)) out.push(`  ${what}: ${item}`);
  }
  return out.join('\n');
}

export function closingLine(ctx: RunContext, verdict: Verdict, faults: number): string {
  return `chaos: ${faults} faults, ${ctx.files.size} files, ${ctx.acts.kill} kills — corrupt ${verdict.corrupt.length}, duplicated ${verdict.duplicated.length}, lost ${verdict.lost.length}, orphans ${verdict.orphans.length}`;
}
