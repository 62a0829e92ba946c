// Ferry against Frame.io's published limits: the small-file folder over V4 on a sandbox that enforces them
// (`limits: 'frameio'`). There the ceiling is not the wire or the CPU but local_upload's 5 calls per second per user
// (the V4 spec's "Rate Limits" line): 500 files cannot finish in under 100 s, whatever the uploader. The run goes
// through the counting proxy to see every 429 and when it came.
import type { ApiCounter } from './api-counter.js';
import { startApiCounter } from './api-counter.js';
import { measure } from './measure.js';
import type { SandboxEndpoint, Target, Tool } from './tools.js';

/** V4's local_upload limit (reference/frameio-v4-openapi.json: "5 calls per 1 second(s) per account_user"). */
export const LOCAL_UPLOAD_PER_S = 5;
const LOCAL_UPLOAD_WINDOW_MS = 1_000;
const LOCAL_UPLOAD_ROUTE = 'POST /v4/accounts/{id}/folders/{id}/files/local_upload';

export interface LimitedRun {
  files: number;
  ok: boolean;
  error?: string;
  wallS: number;
  filesPerS: number;
  /** files / s that local_upload's limit allows at most */
  ceilingFilesPerS: number;
  /** filesPerS / ceilingFilesPerS */
  share: number;
  apiCalls: number;
  throttled: number;
  /** 429s answered after local_upload's first window (before it, the client has not yet read the published limit) */
  throttledAfterFirstWindow: number;
  counts: Record<string, number>;
}

export async function measureLimited(
  tool: Tool,
  target: Target,
  withLimitedSandbox: <T>(fn: (sb: SandboxEndpoint) => Promise<T>) => Promise<T>,
  cwd: string,
  check: (stdout: string, t: Target) => string | undefined,
): Promise<LimitedRun> {
  return withLimitedSandbox(async (sandbox) => {
    let counter: ApiCounter | undefined;
    try {
      counter = await startApiCounter(sandbox.api);
      const sb = { ...sandbox, api: `${counter.origin}/v2`, apiV4: `${counter.origin}/v4` };
      const inv = tool.invoke(target, sb, { endpoint: '', accessKey: '', secretKey: '', emptyConfig: '/dev/null' });
      const res = await measure(inv.cmd, inv.args, { env: inv.env, cwd, timeoutMs: Math.max(600_000, (target.files / LOCAL_UPLOAD_PER_S) * 3000) });
      let error = check(res.stdout, target);
      if (!error && res.code !== 0) error = `exit ${String(res.code ?? res.signal)}`;
      const counts = counter.counts();
      const firstUpload = counter.firstOf(LOCAL_UPLOAD_ROUTE) ?? 0;
      const throttled = counter.throttled();
      const filesPerS = target.files / res.wallS;
      return {
        files: target.files,
        ok: !error,
        ...(error ? { error } : {}),
        wallS: res.wallS,
        filesPerS,
        ceilingFilesPerS: LOCAL_UPLOAD_PER_S,
        share: filesPerS / LOCAL_UPLOAD_PER_S,
        apiCalls: Object.values(counts).reduce((a, b) => a + b, 0),
        throttled: throttled.length,
        throttledAfterFirstWindow: throttled.filter((t) => t.atMs > firstUpload + LOCAL_UPLOAD_WINDOW_MS).length,
        counts,
      };
    } finally {
      await counter?.close();
    }
  });
}
