// The link profiles: every contender through the same emulated link (bench/lib/link-proxy.ts) in front of the
// sandbox API and the S3 endpoint, on three workloads; on the realistic profiles Ferry once more against Frame.io's
// published limits. Each tool's time is set against the physical bound of the run (bench/lib/profiles.ts).
//
// Topology of one Frame.io-style measurement: client → link proxy → counting proxy → sandbox API (in this process),
// and client → link proxy → radosgw for the part PUTs (the sandbox signs part URLs for the proxy's origin; its own S3
// calls go straight to radosgw, as Frame.io's servers sit next to their storage). `aws` and `rclone` reach radosgw
// through the same S3 proxy. Both proxies share one link: API calls and bytes share the uplink.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startApiCounter } from './api-counter.js';
import { checkLink, type LinkCheck } from './link-check.js';
import { Link, startLinkProxy, type LinkProxy } from './link-proxy.js';
import type { Profile } from './profiles.js';
import type { RadosgwInfo } from './radosgw.js';
import { radosgwGc } from './radosgw.js';
import type { Buckets } from './s3.js';
import { fmt, MiB } from './stats.js';
import { FRAMEIO_BUCKET, type S3Endpoint, type Tool, type ToolId } from './tools.js';
import { timedUpload } from './upload-run.js';
import { cachedShare, evictFromCache, type Workload, type WorkloadId } from './workloads.js';

export interface LinkSample {
  tool: ToolId;
  workload: WorkloadId;
  limits: boolean;
  ok: boolean;
  error?: string;
  /** wall time for the whole workload (scaled from `sampleFiles` when the tool ran on a sample) */
  wallS: number;
  /** files actually sent (fewer than the workload's for the SDK pattern on stills: its time is scaled) */
  sampleFiles: number;
  cpuS: number;
  rssMB: number;
  otherCores: number;
  /** share of the input's bytes in the page cache when the upload started */
  cachedShare: number;
  apiCalls: number;
  apiCounts: Record<string, number>;
  throttled: number;
  throttledAfterFirstWindow: number;
  /** 429s by route (after the first window) */
  lateThrottledRoutes?: Record<string, number>;
}

export interface ProfileRun {
  /** when this profile was measured (ISO) */
  at?: string;
  profile: Profile;
  check: LinkCheck;
  samples: LinkSample[];
}

export interface LinkEnv {
  rgw: RadosgwInfo;
  buckets: Buckets;
  s3: S3Endpoint;
  pids: number[];
  root: string;
  tools: Tool[];
  log: (line: string) => void;
  /** the sandbox running now (for the bench's Ctrl-C cleanup) */
  onSandbox: (sb: Sandbox | undefined) => void;
}

/**
 * Which tools run which workload, within the time budget: Ferry over V4 only (V2 Ferry's API calls are counted by the
 * loopback runs); `aws` and `rclone` (which skip the API, so no target compares them there) not on the stills;
 * Frame.io's limits only for Ferry, on the folders (the large file makes one create either way).
 */
function plan(env: LinkEnv, workloads: Workload[], profile: Profile): { tool: Tool; wl: Workload; limits: boolean }[] {
  const out: { tool: Tool; wl: Workload; limits: boolean }[] = [];
  const skip = (t: Tool, wl: Workload) => t.id === 'ferry' || (wl.id === 'stills' && !t.usesSandbox);
  for (const wl of workloads) for (const tool of env.tools) if (!skip(tool, wl)) out.push({ tool, wl, limits: false });
  const v4 = env.tools.find((t) => t.id === 'ferry-v4');
  if (profile.frameioLimits && v4) for (const wl of workloads.filter((w) => w.id !== 'large')) out.push({ tool: v4, wl, limits: true });
  return out;
}

let sandboxSeq = 0;

interface Endpoints {
  sb?: { api: string; token: string; rootAssetId: string; apiV4: string; rootFolderId: string };
  counts(): Record<string, number>;
  throttledAfter(windowMs: number): { all: number; late: number; lateRoutes: Record<string, number> };
  close(): Promise<void>;
}

async function endpoints(env: LinkEnv, link: Link, s3Proxy: LinkProxy, tool: Tool, limits: boolean): Promise<Endpoints> {
  if (!tool.usesSandbox) return { counts: () => ({}), throttledAfter: () => ({ all: 0, late: 0, lateRoutes: {} }), close: async () => undefined };
  const dataDir = join(env.root, `link-sandbox-${++sandboxSeq}`);
  const { endpoint, accessKey, secretKey } = env.rgw;
  const sandbox = await startSandbox({ dataDir, s3: { endpoint, accessKey, secretKey, bucket: FRAMEIO_BUCKET, publicEndpoint: s3Proxy.origin }, limits: limits ? 'frameio' : 'generous' });
  env.onSandbox(sandbox);
  const counter = await startApiCounter(sandbox.apiUrl);
  const api = await startLinkProxy(link, counter.origin);
  return {
    sb: { api: `${api.origin}/v2`, token: sandbox.token, rootAssetId: sandbox.rootAssetId, apiV4: `${api.origin}/v4`, rootFolderId: sandbox.rootFolderId },
    counts: () => counter.counts(),
    throttledAfter: (windowMs) => {
      const t = counter.throttled();
      const late = t.filter((x) => x.atMs > (counter.firstOf(x.route) ?? 0) + windowMs);
      const lateRoutes: Record<string, number> = {};
      for (const x of late) lateRoutes[x.route] = (lateRoutes[x.route] ?? 0) + 1;
      return { all: t.length, late: late.length, lateRoutes };
    },
    close: async () => {
      await api.close();
      await counter.close();
      env.onSandbox(undefined);
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function measureOne(env: LinkEnv, link: Link, s3Proxy: LinkProxy, tool: Tool, wl: Workload, limits: boolean): Promise<LinkSample> {
  const sample = tool.id === 'sdk' && wl.sdkSample ? wl.sdkSample : wl;
  const t = sample.target;
  const base = { tool: tool.id, workload: wl.id, limits, sampleFiles: t.files };
  const ep = await endpoints(env, link, s3Proxy, tool, limits);
  try {
    const inv = tool.invoke(t, ep.sb, { ...env.s3, endpoint: s3Proxy.origin });
    let cached = NaN;
    const { res, otherCores, error } = await timedUpload(tool, t, inv, env.buckets, env.pids, Math.max(900_000, (t.bytes / 2e6) * 1000), async () => {
      evictFromCache(sample.paths);
      cached = cachedShare(sample.paths, t.bytes);
    });
    const counts = ep.counts();
    const thr = ep.throttledAfter(1000);
    return {
      ...base,
      ok: !error,
      ...(error ? { error } : {}),
      wallS: res.wallS * (wl.target.files / t.files),
      cpuS: res.userS + res.sysS,
      rssMB: res.maxRssMB,
      otherCores,
      cachedShare: cached,
      apiCalls: Object.values(counts).reduce((a, b) => a + b, 0),
      apiCounts: counts,
      throttled: thr.all,
      throttledAfterFirstWindow: thr.late,
      lateThrottledRoutes: thr.lateRoutes,
    };
  } finally {
    await ep.close();
    await env.buckets.empty(tool.bucket).catch((e: unknown) => env.log(`could not empty ${tool.bucket}: ${String(e)}`));
    if (t.bytes >= 64 * MiB) await radosgwGc(env.rgw).catch(() => undefined);
  }
}

function failed(tool: Tool, wl: Workload, limits: boolean, e: unknown): LinkSample {
  const error = e instanceof Error ? e.message : String(e);
  return { tool: tool.id, workload: wl.id, limits, ok: false, error, wallS: NaN, sampleFiles: wl.target.files, cpuS: NaN, rssMB: NaN, otherCores: NaN, cachedShare: NaN, apiCalls: 0, apiCounts: {}, throttled: 0, throttledAfterFirstWindow: 0 };
}

export async function runProfile(env: LinkEnv, profile: Profile, workloads: Workload[]): Promise<ProfileRun> {
  const at = new Date().toISOString();
  const link = new Link(profile);
  const check = await checkLink(link);
  env.log(
    `${profile.id}: link self-check: ${fmt(check.measuredMbitS, 0)} Mbit/s (claimed ${check.claimedMbitS}), RTT +${fmt(check.measuredRttMs, 2)} ms ` +
      `(median +${fmt(check.medianRttMs, 2)}; claimed ${check.claimedRttMs}; host floor ${fmt(check.floorRttMs, 2)} ms)${check.ok ? '' : ` — OFF BY MORE THAN 10 %: ${check.error ?? ''}; profile not measured`}`,
  );
  if (!check.ok) return { at, profile, check, samples: [] };
  const s3Proxy = await startLinkProxy(link, env.rgw.endpoint);
  const samples: LinkSample[] = [];
  try {
    for (const { tool, wl, limits } of plan(env, workloads, profile)) {
      const s = await measureOne(env, link, s3Proxy, tool, wl, limits).catch((e: unknown) => failed(tool, wl, limits, e));
      samples.push(s);
      const sampleNote = s.sampleFiles < wl.target.files ? ` (${s.sampleFiles} files sent, time scaled ×${fmt(wl.target.files / s.sampleFiles, 0)})` : '';
      env.log(
        `  ${profile.id} ${wl.id.padEnd(6)} ${limits ? 'limits ' : ''}${tool.label.padEnd(30)} ` +
          (s.ok ? `${fmt(s.wallS, 2)} s${sampleNote}, ${s.apiCalls} API calls, ${s.throttled} × 429, RSS ${fmt(s.rssMB, 0)} MB, CPU ${fmt(s.cpuS, 1)} s, others ${fmt(s.otherCores, 2)} cores` : `FAILED: ${s.error ?? ''}`),
      );
    }
  } finally {
    await s3Proxy.close();
  }
  return { at, profile, check, samples };
}
