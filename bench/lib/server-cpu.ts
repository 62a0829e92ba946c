// CPU seconds used so far by the radosgw cluster's daemons (radosgw, OSD, monitor), read from /proc by the pids
// that scripts/radosgw.sh records in DIR/run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_S = 100; // Linux USER_HZ

function pidCpuS(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

export function clusterPids(dir: string): number[] {
  const pids: number[] = [];
  for (const name of ['client.rgw.a', 'osd.0', 'mon.a']) {
    try {
      const pid = Number(readFileSync(join(dir, 'run', `${name}.pid`), 'utf8').trim());
      if (pid > 0) pids.push(pid);
    } catch {
      // not running
    }
  }
  return pids;
}

export function clusterCpuS(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + pidCpuS(pid), 0);
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait), from /proc/stat. */
export function systemBusyS(): number {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = first.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_S;
  } catch {
    return NaN;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The machine may be shared (other test suites, other daemons). Waits, at most `maxWaitMs`, until the machine's
 * busy CPU over half a second is below `maxBusyCores`; returns how long it waited and the last busy reading.
 */
export async function waitForQuiet(maxBusyCores: number, maxWaitMs: number): Promise<{ waitedS: number; busyCores: number }> {
  const t0 = Date.now();
  let busy: number;
  for (;;) {
    const b0 = systemBusyS();
    await sleep(500);
    busy = (systemBusyS() - b0) / 0.5;
    if (!(busy > maxBusyCores) || Date.now() - t0 >= maxWaitMs) break;
  }
  return { waitedS: (Date.now() - t0) / 1000, busyCores: busy };
}
