// The upload speed measured on the last big enough batch, kept between runs so the next batch can warn up front
// when a file cannot finish before its upload URLs expire.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BatchReport } from '../core/upload/engine';
import { stateDir } from './state-dir';

/** Below this a measurement says more about start-up and round trips than about the link. */
const MIN_MEASURED_BYTES = 100_000_000;
const file = () => path.join(stateDir(), 'throughput.json');

export async function lastThroughput(): Promise<number | null> {
  try {
    const { bytesPerSec } = JSON.parse(await readFile(file(), 'utf8')) as { bytesPerSec?: unknown };
    return typeof bytesPerSec === 'number' && bytesPerSec > 0 ? bytesPerSec : null;
  } catch {
    return null;
  }
}

export async function rememberThroughput(report: BatchReport): Promise<void> {
  if (report.bytesSent < MIN_MEASURED_BYTES || report.elapsedMs <= 0) return;
  const bytesPerSec = (report.bytesSent * 1000) / report.elapsedMs;
  await mkdir(stateDir(), { recursive: true });
  await writeFile(file(), `${JSON.stringify({ bytesPerSec, measuredAt: new Date().toISOString() })}\n`).catch(() => undefined);
}
