// The batch report's pieces: API calls counted from the pacer's statistics (part PUTs are not API calls), the one-line
// summary, and report lines that cannot drive the terminal.
import { describe, expect, it } from 'vitest';
import { apiCalls, callsLine, reportJson, reportLines } from '../../../src/cli/batch-run';
import type { BatchReport } from '../../../src/core/upload/engine';

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

  it('goes into the JSON report as api_calls, and only when counted', () => {
    const report: BatchReport = { batchId: 'b', files: [], problems: [], skippedJunk: [], completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0, bytesSent: 0, elapsedMs: 0 };
    expect(reportJson(report)).not.toHaveProperty('api_calls');
    expect(reportJson(report, apiCalls({ x: stats(1) }))).toMatchObject({ api_calls: { total: 1, by_bucket: { x: 1 } } });
  });
});

describe('report lines', () => {
  it('name a problem path once, and show control characters from names as escapes', () => {
    const json = reportJson({
      batchId: 'b',
      files: [],
      problems: [{ path: '/cards/empty.txt', message: '/cards/empty.txt: the file is empty (0 bytes); Frame.io cannot store an empty file' }],
      skippedJunk: [],
      completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0, bytesSent: 0, elapsedMs: 0,
    });
    expect(reportLines(json)).toEqual(['✖ /cards/empty.txt  the file is empty (0 bytes); Frame.io cannot store an empty file']);
    const evil = { ...json, files: [{ ...json.files[0], path: '/x/evil\u001b]0;PWNED\u0007.mov', error: undefined, outcome: 'completed' as const, asset_id: 'a1', size: 1, xx_hash: 'ff' }] };
    const [line] = reportLines(evil as never);
    expect(line).toBe('✔ /x/evil\\x1b]0;PWNED\\x07.mov  1 B  a1  xxh64 ff');
  });
});
