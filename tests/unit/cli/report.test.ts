// The batch report's pieces: API calls counted from the pacer's statistics (part PUTs are not API calls), the one-line
// summary, and report lines that cannot drive the terminal.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { apiCalls, callsLine } from '../../../src/cli/batch-run';
import { reportCounts, reportLines, type ReportRow, reportRows, writeReportJson } from '../../../src/cli/batch-report';
import type { BatchReport } from '../../../src/core/upload/engine';
import type { JournalFileRecord } from '../../../src/core/upload/journal';

const stats = (calls: number, retries = 0, throttled = 0) => ({ calls, retries, throttled, pacedMs: 0 });

describe('API calls in the report', () => {
  it('counts the calls of this run per bucket, leaving out storage, with calls per file', () => {
    const before = { 'v4:files.list': stats(3), storage: stats(10) };
    const after = { 'v4:files.list': stats(7, 1, 1), 'v4:files.create_local_upload': stats(3, 2, 2), 'v4:me': stats(0), storage: stats(40, 5, 0) };
    expect(apiCalls(after, before, 3)).toEqual({
      total: 7,
      per_file: 2.33,
      retried: 3,
      throttled: 3,
      by_bucket: { 'v4:files.list': 4, 'v4:files.create_local_upload': 3 },
    });
    expect(apiCalls({}, {}, 0)).toEqual({ total: 0, per_file: null, retried: 0, throttled: 0, by_bucket: {} });
  });

  it('says it in one line, biggest buckets first', () => {
    const calls = apiCalls({ a: stats(1), b: stats(9), c: stats(5), d: stats(2), e: stats(3, 1, 1) }, {}, 4);
    expect(callsLine(calls)).toBe('API calls: 20 (5 per file), 1 after a 429: b 9, c 5, e 3, d 2, 1 more.');
    expect(callsLine(apiCalls({ 'v2:create': stats(2) }, {}, 2))).toBe('API calls: 2 (1 per file): v2:create 2.');
  });

  it('goes into the JSON report as api_calls, and only when counted', async () => {
    const report: BatchReport = { batchId: 'b', files: [], problems: [], skippedJunk: [], completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0, bytesSent: 0, elapsedMs: 0 };
    const json = async (calls?: ReturnType<typeof apiCalls>) => JSON.parse((await written(report, { skipped_junk: [], api_calls: calls }, false)).text) as object;
    expect(await json()).not.toHaveProperty('api_calls');
    expect(await json(apiCalls({ x: stats(1) }))).toMatchObject({ api_calls: { total: 1, by_bucket: { x: 1 } } });
  });
});

describe('report lines', () => {
  it('name a problem path once, and show control characters from names as escapes', () => {
    const rows = [...reportRows({
      batchId: 'b',
      files: [],
      problems: [{ path: '/cards/empty.txt', message: '/cards/empty.txt: the file is empty (0 bytes); Frame.io cannot store an empty file' }],
      skippedJunk: [],
      completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0, bytesSent: 0, elapsedMs: 0,
    })];
    expect(reportLines(rows)).toEqual(['✖ /cards/empty.txt  the file is empty (0 bytes); Frame.io cannot store an empty file']);
    const evil: ReportRow = { ...(rows[0] as ReportRow), path: '/x/evil\u001b]0;PWNED\u0007.mov', outcome: 'completed', asset_id: 'a1', size: 1, xx_hash: 'ff' };
    delete evil.error;
    const [line] = reportLines([evil]);
    expect(line).toBe('✔ /x/evil\\x1b]0;PWNED\\x07.mov  1 B  a1  xxh64 ff');
  });
});

const record = (i: number, status: JournalFileRecord['status']): JournalFileRecord =>
  ({
    id: i, path: `/card/d${i % 7}/clip ${i}.mov`, remoteDir: i % 3 ? `card/d${i % 7}` : '', name: `clip ${i}.mov`, remoteName: `clip ${i}.mov`,
    size: 1000 + i, mtimeMs: 1, status, assetId: status === 'completed' ? `a-${i}` : null, xxHash: status === 'completed' ? 'ff00ff00ff00ff00' : null,
    retries: i % 4, versionOf: i % 11 === 0 ? 'v-1' : null, error: status === 'failed' ? `boom "${i}"\n` : null,
  }) as unknown as JournalFileRecord;

function reportOf(n: number): BatchReport {
  const statuses = ['completed', 'completed', 'skipped', 'failed', 'queued', 'canceled'] as const;
  const files = Array.from({ length: n }, (_, i) => record(i, statuses[i % statuses.length] as JournalFileRecord['status']));
  return { batchId: 'b1', files, problems: [{ path: '/x/empty', message: '/x/empty: the file is empty' }], skippedJunk: ['/x/.DS_Store'], completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0, bytesSent: 0, elapsedMs: 0 };
}

/** The report written to a sink that records each write. */
async function written(report: BatchReport, tail: object, pretty: boolean) {
  const chunks: string[] = [];
  const sink = new Writable({ highWaterMark: 16 * 1024, write: (chunk: Buffer, _enc, done) => (chunks.push(chunk.toString()), setImmediate(done)) });
  const { rows, completedBytes, ...counts } = reportCounts(report);
  void rows;
  void completedBytes;
  await writeReportJson(sink, counts, reportRows(report), tail, pretty);
  return { text: chunks.join(''), chunks };
}

describe('the JSON report, written as it is made', () => {
  const tail = { skipped_junk: ['/x/.DS_Store'], api_calls: apiCalls({ x: stats(3) }, {}, 3), sign_in_needed: undefined };

  it('is byte for byte the JSON of the whole report, indented or on one line, every file listed', async () => {
    const report = reportOf(50);
    const whole = { ...(({ rows, completedBytes, ...c }) => (void rows, void completedBytes, c))(reportCounts(report)), files: [...reportRows(report)], ...tail };
    expect((await written(report, tail, true)).text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    expect((await written(report, tail, false)).text).toBe(`${JSON.stringify(whole)}\n`);
    const parsed = JSON.parse((await written(report, tail, false)).text) as { files: ReportRow[]; completed: number; failed: number; unfinished: number };
    expect(parsed.files).toHaveLength(51);
    expect([parsed.completed, parsed.failed, parsed.unfinished]).toEqual([18, 9, 8]);
    const empty = { ...reportOf(0), problems: [] };
    expect((await written(empty, { skipped_junk: [] }, true)).text).toBe(`${JSON.stringify({ batch_id: 'b1', completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0, files: [], skipped_junk: [] }, null, 2)}\n`);
  });

  it('goes out in chunks of bounded size, never one string of every file', async () => {
    const { text, chunks } = await written(reportOf(20_000), tail, true);
    expect(JSON.parse(text).files).toHaveLength(20_001);
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
  });

  it('counts outcomes and uploaded bytes in one pass, problems as failed', () => {
    const counts = reportCounts(reportOf(12));
    expect(counts).toMatchObject({ completed: 4, skipped: 2, failed: 3, canceled: 2, unfinished: 2, rows: 13 });
    expect(counts.completedBytes).toBe(1000 + 1001 + 1006 + 1007);
  });

  it('shows every file that needs attention and a few others in readable lines', () => {
    const lines = reportLines(reportRows(reportOf(600)));
    expect(lines.filter((l) => l.startsWith('✖'))).toHaveLength(101);
    expect(lines.filter((l) => l.startsWith('…'))).toHaveLength(101);
    expect(lines.at(-1)).toBe('… and 400 more (add --report FILE for the full list)');
  });
});
