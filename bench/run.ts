// `npm run bench`: Ferry against reference uploaders on one throwaway radosgw. See docs/benchmarks.md.
//
//   --quick             smoke run: 128 MiB + 100 small files, 1 run, no memory check, docs untouched
//   --large-mib N       size of the large file (default 1024)
//   --small-count N     number of small files (default 500)
//   --runs N            timed runs per measurement, median reported (default 3; --quick 1)
//   --memory / --no-memory   ferry's peak RSS for 256 MiB and 4 GiB files (default on; --quick off)
//   --data DIR          keep generated data in DIR and reuse it next time (default: a temp folder, deleted)
//   --docs / --no-docs  write docs/benchmarks.md + docs/benchmarks/*.svg (default on; --quick off)
//   --json FILE         also write the raw results as JSON
//   --from-json FILE    no measuring: rewrite the report (and docs, unless --no-docs) from saved results
//   --ui / --no-ui      renderer frame times in Chromium, after the uploads (bench/ui/frames.ts; default on; --quick off)
//   --only ui           only the renderer frame times: rewrites only their section of docs/benchmarks.md
//   --profiles LIST     only the link profiles (lan,office,far; --profile NAME for one): every contender through an
//                       emulated link (bench/lib/link-bench.ts); rewrites only their section of docs/benchmarks.md.
//                       A full run (no --quick) measures all three after the loopback runs; --no-links skips them
//   --link-large-mib N, --card-files N, --stills-files N, --sdk-stills N   the link workloads (256, 24, 1000, 100)
//   --links-from-json FILE   no measuring: rewrite the link section (and its charts) from saved link results
//   --tools LIST, --workloads LIST   only these contenders (ferry,ferry-v4,bare,sdk,aws,rclone) / link workloads
//                       (large,card,stills): for investigating one cell; use with --no-docs
//
// The bench always exits 0 once it has a report, even when a target is missed: it is a report, not a test.
import './lib/quiet.js'; // first: silences the AWS SDK's Node-version notice before the SDK loads
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';
import { startApiCounter } from './lib/api-counter.js';
import { barChart } from './lib/chart.js';
import { ensureRandomFile, ensureSmallFiles } from './lib/dataset.js';
import { describeMachine, type Machine } from './lib/machine.js';
import { type LimitedRun, measureLimited } from './lib/limited.js';
import { killRunning, measure } from './lib/measure.js';
import { installRadosgw, radosgwGc, startRadosgw, stopRadosgw, type RadosgwInfo } from './lib/radosgw.js';
import { chartPanels, consoleReport, markdown, scenarioLabel, type BenchConfig, type Report } from './lib/report.js';
import { summarize, targets, type ApiCalls, type Measured, type MemoryPoint, type Sample, type Startup } from './lib/results.js';
import { Buckets } from './lib/s3.js';
import { runUiBench, stopUiBench } from './ui/frames.js';
import { consoleUiReport, writeUiDocs } from './ui/report.js';
import { clusterPids, waitForQuiet } from './lib/server-cpu.js';
import { fmt, GiB, MiB } from './lib/stats.js';
import { runProfile, type ProfileRun } from './lib/link-bench.js';
import { consoleLinkReport, writeLinkDocs, type LinkReport } from './lib/link-report.js';
import { parseProfiles, PROFILES, type Profile } from './lib/profiles.js';
import { ensureWorkloads, type WorkloadSizes } from './lib/workloads.js';
import { timedUpload } from './lib/upload-run.js';
import {
  AWS_BIN,
  AWS_BUCKET,
  FERRY_CLI,
  FRAMEIO_BUCKET,
  RCLONE_BIN,
  RCLONE_BUCKET,
  REPO,
  TOOLS,
  type S3Endpoint,
  type SandboxEndpoint,
  type Target,
  type Tool,
  type ToolId,
} from './lib/tools.js';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ---------------------------------------------------------------- flags

interface LinkFlags {
  linksFromJson?: string;
  /** link profiles to measure (empty: none) */
  profiles: Profile[];
  /** only the link profiles (given with --profile/--profiles) */
  onlyLinks: boolean;
  /** only these contenders / link workloads (--tools, --workloads) */
  onlyTools?: string[];
  onlyWorkloads?: string[];
  linkSizes: WorkloadSizes;
}

function parseFlags(): BenchConfig & LinkFlags & { dataDir?: string; docs: boolean; jsonOut?: string; fromJson?: string; ui: boolean; onlyUi: boolean } {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'large-mib': { type: 'string' },
      'small-count': { type: 'string' },
      runs: { type: 'string' },
      memory: { type: 'boolean' },
      'no-memory': { type: 'boolean' },
      data: { type: 'string' },
      docs: { type: 'boolean' },
      'no-docs': { type: 'boolean' },
      json: { type: 'string' },
      'from-json': { type: 'string' },
      ui: { type: 'boolean' },
      'no-ui': { type: 'boolean' },
      only: { type: 'string' },
      profile: { type: 'string' },
      profiles: { type: 'string' },
      'no-links': { type: 'boolean' },
      'link-large-mib': { type: 'string' },
      'card-files': { type: 'string' },
      'stills-files': { type: 'string' },
      'sdk-stills': { type: 'string' },
      'links-from-json': { type: 'string' },
      tools: { type: 'string' },
      workloads: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'npm run bench -- [--quick] [--large-mib N] [--small-count N] [--runs N] [--memory|--no-memory] [--data DIR] [--docs|--no-docs] [--json FILE] [--from-json FILE] [--ui|--no-ui] [--only ui]\n' +
        '                 [--profiles lan,office,far | --profile NAME] [--no-links] [--link-large-mib N] [--card-files N] [--stills-files N] [--sdk-stills N] [--links-from-json FILE] [--tools LIST] [--workloads LIST]',
    );
    process.exit(0);
  }
  const num = (v: string | undefined, name: string, def: number): number => {
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} must be a positive integer`);
      process.exit(2);
    }
    return n;
  };
  const quick = values.quick ?? false;
  if (values.only !== undefined && values.only !== 'ui') {
    console.error('--only takes one value: ui');
    process.exit(2);
  }
  const memory = values['no-memory'] ? false : (values.memory ?? !quick);
  const chosen = values.profiles ?? values.profile;
  let profiles: Profile[] = [];
  try {
    profiles = chosen !== undefined ? parseProfiles(chosen) : quick || values['no-links'] ? [] : [...PROFILES];
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  return {
    ...(values['links-from-json'] ? { linksFromJson: values['links-from-json'] } : {}),
    profiles,
    onlyLinks: chosen !== undefined,
    ...(values.tools ? { onlyTools: values.tools.split(',') } : {}),
    ...(values.workloads ? { onlyWorkloads: values.workloads.split(',') } : {}),
    linkSizes: {
      largeMiB: num(values['link-large-mib'], 'link-large-mib', 256),
      cardFiles: num(values['card-files'], 'card-files', 24),
      stillsFiles: num(values['stills-files'], 'stills-files', 1000),
      sdkStills: num(values['sdk-stills'], 'sdk-stills', 100),
    },
    quick,
    largeBytes: num(values['large-mib'], 'large-mib', quick ? 128 : 1024) * MiB,
    smallCount: num(values['small-count'], 'small-count', quick ? 100 : 500),
    smallBytes: 0,
    smallMinKiB: 4,
    smallMaxKiB: 512,
    runs: num(values.runs, 'runs', quick ? 1 : 3),
    memory,
    memorySizesMiB: [256, 4096],
    dataDir: values.data,
    docs: values['no-docs'] ? false : (values.docs ?? !quick),
    jsonOut: values.json,
    fromJson: values['from-json'],
    ui: values['no-ui'] ? false : (values.ui ?? !quick),
    onlyUi: values.only === 'ui',
  };
}

// ---------------------------------------------------------------- prerequisites

function have(cmd: string): boolean {
  try {
    execFileSync('bash', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function aptInstall(pkg: string): void {
  if (process.getuid?.() !== 0) return;
  log(`installing ${pkg} with apt-get…`);
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    log(`apt-get install ${pkg} failed`);
  }
}

async function prerequisites(): Promise<ToolId[]> {
  if (!existsSync('/usr/bin/time')) aptInstall('time');
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed: apt-get install -y time');
  if (!have('radosgw')) await installRadosgw();
  log('building the CLI bundle (dist/cli.mjs) from the current sources…');
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build-cli.mjs')], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const skip: ToolId[] = [];
  if (!existsSync(AWS_BIN)) aptInstall('awscli');
  if (!existsSync(AWS_BIN)) {
    log(`${AWS_BIN} missing (apt-get install -y awscli): skipping aws s3 cp`);
    skip.push('aws');
  }
  if (!have(RCLONE_BIN)) aptInstall('rclone');
  if (!have(RCLONE_BIN)) {
    log('rclone missing (apt-get install -y rclone): skipping rclone copy');
    skip.push('rclone');
  }
  return TOOLS.map((t) => t.id).filter((id) => !skip.includes(id));
}

// ---------------------------------------------------------------- lifecycle (always stop radosgw, even on Ctrl-C)

interface State {
  root?: string;
  rgwDir?: string;
  rgw?: RadosgwInfo;
  sandbox?: Sandbox;
  buckets?: Buckets;
}
const state: State = {};
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killRunning();
    await stopUiBench();
    await state.sandbox?.close().catch(() => undefined);
    state.buckets?.destroy();
    if (state.rgwDir) {
      await stopRadosgw(state.rgwDir).catch((e: unknown) => log(`could not stop radosgw: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (state.root) await rm(state.root, { recursive: true, force: true });
  })();
  return cleaning;
}

let interrupts = 0;
let stopping = false;
function onSignal(sig: NodeJS.Signals): void {
  interrupts += 1;
  if (interrupts > 1) {
    log('still stopping radosgw, please wait…');
    return;
  }
  stopping = true;
  log(`${sig}: stopping what the bench started…`);
  void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

// ---------------------------------------------------------------- one measurement

interface Ctx {
  rgw: RadosgwInfo;
  buckets: Buckets;
  s3: S3Endpoint;
  pids: number[];
  root: string;
}

let sandboxSeq = 0;

async function withSandbox<T>(ctx: Ctx, use: boolean, fn: (sb: SandboxEndpoint | undefined) => Promise<T>, options: Partial<SandboxOptions> = {}): Promise<T> {
  if (!use) return fn(undefined);
  const dataDir = join(ctx.root, `sandbox-${++sandboxSeq}`);
  const sb = await startSandbox({
    dataDir,
    s3: { endpoint: ctx.rgw.endpoint, accessKey: ctx.rgw.accessKey, secretKey: ctx.rgw.secretKey, bucket: FRAMEIO_BUCKET },
    ...options,
  });
  state.sandbox = sb;
  try {
    return await fn({ api: sb.apiUrl, token: sb.token, rootAssetId: sb.rootAssetId, apiV4: sb.apiV4Url, rootFolderId: sb.rootFolderId });
  } finally {
    state.sandbox = undefined;
    await sb.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Waiting for a quiet machine: at most 15 s per measurement and 150 s per bench run.
const QUIET_BUSY_CORES = 0.5;
let quietBudgetMs = 150_000;

async function measureOnce(ctx: Ctx, tool: Tool, target: Target, mode: 'timed' | 'untimed' | 'count-api' = 'timed'): Promise<Sample> {
  if (stopping) await new Promise<never>(() => undefined); // interrupted: the signal handler exits the process
  const countApi = mode === 'count-api';
  try {
    return await withSandbox(ctx, tool.usesSandbox, async (sandbox) => {
      const counter = countApi && sandbox ? await startApiCounter(sandbox.api) : undefined;
      const sb = sandbox && counter ? { ...sandbox, api: `${counter.origin}/v2`, apiV4: `${counter.origin}/v4` } : sandbox;
      const inv = tool.invoke(target, sb, ctx.s3);
      let waitedS = 0;
      const quiet = async () => {
        if (mode !== 'timed' || quietBudgetMs <= 0) return;
        const q = await waitForQuiet(QUIET_BUSY_CORES, Math.min(15_000, quietBudgetMs));
        quietBudgetMs -= q.waitedS * 1000;
        waitedS = q.waitedS;
        if (q.busyCores > QUIET_BUSY_CORES) log(`  (machine still busy: ${fmt(q.busyCores, 1)} cores in use by others; measuring anyway)`);
      };
      const { res, serverCpuS, otherCores, error } = await timedUpload(tool, target, inv, ctx.buckets, ctx.pids, Math.max(180_000, (target.bytes / 10e6) * 1000), quiet);
      const apiCounts = counter?.counts();
      await counter?.close();
      return {
        ok: !error,
        ...(error ? { error } : {}),
        wallS: res.wallS,
        cpuS: res.userS + res.sysS,
        maxRssMB: res.maxRssMB,
        serverCpuS,
        otherCores,
        waitedS,
        ...(apiCounts ? { apiCounts } : {}),
      };
    });
  } catch (e) {
    if (stopping) await new Promise<never>(() => undefined);
    return { ok: false, error: e instanceof Error ? e.message : String(e), wallS: NaN, cpuS: NaN, maxRssMB: NaN, serverCpuS: NaN, otherCores: NaN, waitedS: 0 };
  } finally {
    if (stopping) await new Promise<never>(() => undefined);
    // memstore keeps every object in RAM: empty the bucket and collect garbage before the next measurement.
    await ctx.buckets.empty(tool.bucket).catch((e: unknown) => log(`could not empty ${tool.bucket}: ${String(e)}`));
    if (target.bytes >= 64 * MiB) await radosgwGc(ctx.rgw).catch(() => undefined);
  }
}

function describe(s: Sample, t: Target): string {
  if (!s.ok) return `FAILED: ${s.error ?? ''}`;
  return `${fmt(s.wallS, 2)} s, ${fmt(t.bytes / 1e6 / s.wallS)} MB/s, ${fmt(t.files / s.wallS)} files/s, RSS ${fmt(s.maxRssMB, 0)} MB, CPU ${fmt(s.cpuS, 2)} s, others ${fmt(s.otherCores, 2)} cores`;
}

async function startupOf(tool: Tool, ctx: Ctx): Promise<Startup> {
  const noop: Record<ToolId, [string, string[]]> = {
    ferry: [process.execPath, [FERRY_CLI, '--help']],
    'ferry-v4': [process.execPath, [FERRY_CLI, '--help']],
    bare: [process.execPath, ['--import', 'tsx', `${REPO}bench/tools/frameio-put.ts`]],
    sdk: [process.execPath, ['--import', 'tsx', `${REPO}bench/tools/frameio-put.ts`]],
    aws: [AWS_BIN, ['--version']],
    rclone: [RCLONE_BIN, ['version']],
  };
  const [cmd, args] = noop[tool.id];
  const env = tool.invoke({ kind: 'large', path: '/dev/null', name: 'x', files: 1, bytes: 0 }, { api: '', token: '', rootAssetId: '', apiV4: '', rootFolderId: '' }, ctx.s3).env;
  const walls: number[] = [];
  let rss = NaN;
  for (let i = 0; i < 4; i++) {
    const r = await measure(cmd, args, { env, cwd: REPO, timeoutMs: 60_000 });
    if (i > 0) walls.push(r.wallS); // the first one warms the disk cache
    rss = r.maxRssMB;
  }
  walls.sort((a, b) => a - b);
  return { tool: tool.id, wallS: walls[1] ?? NaN, rssMB: rss };
}

// ---------------------------------------------------------------- main

async function startCluster(root: string, biggest: number): Promise<Ctx> {
  const memstore = Math.min(Math.max(6 * GiB, 3 * biggest + 1 * GiB), os.totalmem() * 0.75);
  log(`starting radosgw (memstore ${fmt(memstore / GiB, 1)} GiB)…`);
  state.rgwDir = join(root, 'rgw');
  const rgw = await startRadosgw(state.rgwDir, memstore);
  state.rgw = rgw;
  log(`radosgw at ${rgw.endpoint}`);
  const buckets = new Buckets(rgw);
  state.buckets = buckets;
  for (const b of [FRAMEIO_BUCKET, AWS_BUCKET, RCLONE_BUCKET]) await buckets.ensure(b);
  const emptyConfig = join(root, 'empty.conf');
  await writeFile(emptyConfig, '');
  return { rgw, buckets, s3: { endpoint: rgw.endpoint, accessKey: rgw.accessKey, secretKey: rgw.secretKey, emptyConfig }, pids: clusterPids(rgw.dir), root };
}

/** The link profiles (bench/lib/link-bench.ts) on the running cluster. */
async function runLinks(ctx: Ctx, tools: Tool[], profiles: Profile[], sizes: WorkloadSizes, dataDir: string, machine: Machine, onlyWorkloads?: string[]): Promise<LinkReport> {
  const l0 = Date.now();
  log(`link workloads in ${dataDir}…`);
  const workloads = (await ensureWorkloads(dataDir, sizes)).filter((w) => !onlyWorkloads || onlyWorkloads.includes(w.id));
  const runs: ProfileRun[] = [];
  const env = { ...ctx, tools, log, onSandbox: (sb: Sandbox | undefined) => void (state.sandbox = sb) };
  for (const p of profiles) {
    if (stopping) await new Promise<never>(() => undefined);
    runs.push(await runProfile(env, p, workloads));
  }
  log(`link profiles took ${fmt((Date.now() - l0) / 60_000, 1)} min`);
  return { machine, sizes, workloads: workloads.map((w) => ({ id: w.id, title: w.title, files: w.target.files, bytes: w.target.bytes })), runs, totalS: (Date.now() - l0) / 1000 };
}


async function writeDocs(report: Report): Promise<void> {
  const { machine } = report;
  const md = join(REPO, 'docs', 'benchmarks.md');
  await mkdir(join(REPO, 'docs', 'benchmarks'), { recursive: true });
  const svg = barChart(
    'Ferry vs reference uploaders on one local radosgw',
    `${machine.nproc} cores, ${fmt(machine.memGiB, 0)} GiB, Node ${machine.node}; median of ${report.config.runs} run(s); ${machine.date.slice(0, 10)}`,
    chartPanels(report),
  );
  await writeFile(join(REPO, 'docs', 'benchmarks', 'throughput.svg'), svg);
  await writeFile(join(REPO, 'docs', 'benchmarks', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(md, markdown(report, md, 'benchmarks/throughput.svg'));
  log('wrote docs/benchmarks.md, docs/benchmarks/throughput.svg and docs/benchmarks/results.json');
}


async function main(): Promise<number> {
  const t0 = Date.now();
  const flags = parseFlags();
  if (flags.fromJson) {
    const saved = JSON.parse(await readFile(flags.fromJson, 'utf8')) as Report;
    // JSON has no NaN: missing numbers come back as null.
    const report: Report = { ...saved, targets: targets(saved.rows, saved.memory, saved.limited) };
    console.log(consoleReport(report));
    if (flags.docs) await writeDocs(report);
    return 0;
  }
  if (flags.linksFromJson) {
    const saved = JSON.parse(await readFile(flags.linksFromJson, 'utf8')) as LinkReport;
    console.log(consoleLinkReport(saved));
    if (flags.docs) await writeLinkDocs(REPO, saved, log);
    return 0;
  }
  const uiRun = () => runUiBench({ renderer: 'head', reps: flags.quick ? 1 : 3, log });
  if (flags.onlyUi) {
    const ui = await uiRun();
    console.log(consoleUiReport(ui));
    if (flags.docs) await writeUiDocs(ui, log);
    return 0;
  }
  const machine = describeMachine(); // first: its load average should not include the bench's own work
  const toolIds = await prerequisites();
  const tools = TOOLS.filter((t) => toolIds.includes(t.id) && (!flags.onlyTools || flags.onlyTools.includes(t.id)));

  const root = await mkdtemp(join(os.tmpdir(), 'ferry-bench-'));
  state.root = root;
  const dataDir = flags.dataDir ?? join(root, 'data');
  await mkdir(dataDir, { recursive: true });

  if (flags.onlyLinks) {
    const ctx = await startCluster(root, flags.linkSizes.largeMiB * MiB);
    const links = await runLinks(ctx, tools, flags.profiles, flags.linkSizes, dataDir, machine, flags.onlyWorkloads);
    await cleanup();
    console.log(consoleLinkReport(links));
    if (flags.docs) await writeLinkDocs(REPO, links, log);
    if (flags.jsonOut) await writeFile(flags.jsonOut, `${JSON.stringify(links, null, 2)}\n`);
    return 0;
  }

  log(`generating data in ${dataDir}…`);
  const largePath = join(dataDir, `large-${flags.largeBytes / MiB}MiB.bin`);
  await ensureRandomFile(largePath, flags.largeBytes, 'large');
  const warmPath = join(dataDir, 'warmup-32MiB.bin');
  await ensureRandomFile(warmPath, 32 * MiB, 'warm');
  const small = await ensureSmallFiles(join(dataDir, `small${flags.smallCount}`), flags.smallCount, flags.smallMinKiB * 1024, flags.smallMaxKiB * 1024, 500);
  const config: BenchConfig = { ...flags, smallBytes: small.totalBytes };
  const memoryTargets: Target[] = [];
  if (flags.memory) {
    for (const mib of flags.memorySizesMiB) {
      const p = join(dataDir, `mem-${mib}MiB.bin`);
      await ensureRandomFile(p, mib * MiB, 'mem');
      memoryTargets.push({ kind: 'large', path: p, name: `mem-${mib}MiB.bin`, files: 1, bytes: mib * MiB });
    }
  }
  log(`data ready (${fmt((Date.now() - t0) / 1000, 1)} s)`);

  const biggest = Math.max(flags.largeBytes, ...memoryTargets.map((t) => t.bytes));
  const ctx = await startCluster(root, biggest);
  const links = flags.profiles.length ? () => runLinks(ctx, tools, flags.profiles, flags.linkSizes, dataDir, machine, flags.onlyWorkloads) : undefined;

  log('measuring process start-up…');
  const startup: Startup[] = [];
  for (const t of tools) startup.push(await startupOf(t, ctx));

  const largeT: Target = { kind: 'large', path: largePath, name: `large-${flags.largeBytes / MiB}MiB.bin`, files: 1, bytes: flags.largeBytes };
  const smallT: Target = { kind: 'small', path: small.dir, name: `small${flags.smallCount}`, files: small.count, bytes: small.totalBytes };
  const warmT: Target = { kind: 'large', path: warmPath, name: 'warmup-32MiB.bin', files: 1, bytes: 32 * MiB };

  log('warm-up…');
  for (const t of tools) {
    const s = await measureOnce(ctx, t, warmT, 'untimed');
    log(`  warm-up ${t.label}: ${describe(s, warmT)}`);
  }

  const measured: Measured[] = [];
  for (const scenario of [largeT, smallT]) {
    for (const t of tools) measured.push({ scenario: scenario.kind, tool: t.id, files: scenario.files, bytes: scenario.bytes, samples: [] });
  }
  for (let run = 0; run < flags.runs; run++) {
    const order = tools.map((_, i) => tools[(i + run) % tools.length] as Tool);
    for (const scenario of [largeT, smallT]) {
      log(`run ${run + 1}/${flags.runs}: ${scenarioLabel(config, scenario.kind)}`);
      for (const t of order) {
        const s = await measureOnce(ctx, t, scenario);
        measured.find((m) => m.scenario === scenario.kind && m.tool === t.id)?.samples.push(s);
        log(`  ${t.label.padEnd(32)} ${describe(s, scenario)}`);
      }
    }
  }

  log('diagnostic (untimed): API requests per file, through a counting proxy…');
  const apiCalls: ApiCalls[] = [];
  for (const t of tools.filter((x) => x.usesSandbox)) {
    for (const scenario of [largeT, smallT]) {
      const s = await measureOnce(ctx, t, scenario, 'count-api');
      apiCalls.push({ tool: t.id, scenario: scenario.kind, files: scenario.files, ok: s.ok, counts: s.apiCounts ?? {} });
      const total = Object.values(s.apiCounts ?? {}).reduce((a, b) => a + b, 0);
      log(`  ${t.label.padEnd(32)} ${scenario.kind}: ${total} requests (${fmt(total / scenario.files, 2)} per file)${s.ok ? '' : ` FAILED: ${s.error ?? ''}`}`);
    }
  }

  let limited: LimitedRun | undefined;
  const ferryV4 = tools.find((t) => t.id === 'ferry-v4');
  if (ferryV4) {
    log(`Frame.io's published limits: ${smallT.files} small files over V4 on a sandbox that enforces them…`);
    limited = await measureLimited(ferryV4, smallT, (fn) => withSandbox(ctx, true, (sb) => fn(sb as SandboxEndpoint), { limits: 'frameio' }), REPO, ferryV4.check);
    await ctx.buckets.empty(FRAMEIO_BUCKET).catch((e: unknown) => log(`could not empty ${FRAMEIO_BUCKET}: ${String(e)}`));
    log(`  ${fmt(limited.wallS, 1)} s, ${fmt(limited.filesPerS, 2)} files/s = ${fmt(limited.share * 100, 0)} % of the ${limited.ceilingFilesPerS}/s ceiling; ${limited.throttled} × 429 (${limited.throttledAfterFirstWindow} after the first window)${limited.ok ? '' : `; FAILED: ${limited.error ?? ''}`}`);
  }

  const memory: MemoryPoint[] = [];
  const ferry = tools.find((t) => t.id === 'ferry');
  if (ferry && memoryTargets.length) {
    log('memory: ferry upload of single files…');
    for (const mt of memoryTargets) {
      const s = await measureOnce(ctx, ferry, mt);
      const label = mt.bytes >= GiB ? `${mt.bytes / GiB} GiB` : `${mt.bytes / MiB} MiB`;
      memory.push({ label, bytes: mt.bytes, ok: s.ok, ...(s.error ? { error: s.error } : {}), wallS: s.wallS, rssMB: s.maxRssMB, cpuS: s.cpuS, otherCores: s.otherCores });
      log(`  ${label}: ${describe(s, mt)}`);
    }
  }

  const linkReport = links ? await links() : undefined;
  const rows = measured.map((m) => summarize(m, startup));
  const report: Report = { config, machine, rows, memory, startup, apiCalls, ...(limited ? { limited } : {}), targets: targets(rows, memory, limited), totalS: (Date.now() - t0) / 1000 };

  await cleanup();
  if (flags.ui) {
    // After radosgw is gone (the frame times want a quiet machine); a failure here must not cost the upload numbers.
    report.ui = await uiRun().catch((e: unknown) => void log(`renderer frame times skipped: ${e instanceof Error ? e.message : String(e)}`));
  }
  report.totalS = (Date.now() - t0) / 1000;
  console.log(consoleReport(report));
  if (report.ui) console.log(consoleUiReport(report.ui));
  if (linkReport) console.log(consoleLinkReport(linkReport));

  if (flags.docs) await writeDocs(report);
  if (flags.docs && linkReport) await writeLinkDocs(REPO, linkReport, log);
  if (flags.jsonOut) await writeFile(flags.jsonOut, `${JSON.stringify(report, null, 2)}\n`);
  if (flags.dataDir) log(`data kept in ${flags.dataDir}`);
  return 0;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  });
