// `npm run chaos -- --seed S --faults N`: one long randomized run against a sandbox in its own process, over V2 and V4,
// drop after drop until at least N faults were injected (and at least N/5 files uploaded), then every unfinished
// batch resumed with faults off, then the proof from the sandbox's records, the table, and the closing line:
// `chaos: <faults> faults, <files> files, <kills> kills — corrupt <n>, duplicated <n>, lost <n>, orphans <n>`.
// Exit 0 only when all four are 0, the re-sent parts are within the journal's bound, and N faults were injected.
// Reproducible: the seed (printed first) fixes the files, the drops, the fault rates and every act (plan.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { V2Client } from '../../src/core/frameio/v2-client';
import { JOURNAL_MAX_UNJOURNALED_PARTS } from '../../src/core/upload/journal-lag';
import { RunContext } from './context';
import { resumeDrop, runCliDrop } from './drop-cli';
import { runEngineDrop } from './drop-engine';
import { killAll, useCli } from './ferry-process';
import { SandboxHost } from './host-client';
import { type Drop, planDrop, type PlanOptions } from './plan';
import { closingLine, faultsByKind, table, totalFaults } from './report';
import { verify } from './verify';

const KiB = 1024;
const MiB = 1024 * KiB;
const PART_SIZE = 128 * KiB;
/** Parts in flight per uploader (ferry --concurrency 8, the engine's 8): what a pause or cancel can catch mid-answer. */
const IN_FLIGHT = 8;

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    faults: { type: 'string', default: '10000' },
    files: { type: 'string' },
    'max-size-mib': { type: 'string' },
    'files-per-drop': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 1_000_000);
const target = Number(values.faults);
// A full run (10,000 faults) also covers at least 2,000 files; a reduced one stops at its faults.
const minFiles = values.files ? Number(values.files) : target >= 10_000 ? Math.ceil(target / 5) : 0;
const maxSize = Number(values['max-size-mib'] ?? (target >= 10_000 ? 300 : 32)) * MiB;
const maxFilesPerDrop = Number(values['files-per-drop'] ?? (target >= 10_000 ? 48 : 16));
if (!Number.isInteger(seed) || !Number.isFinite(target) || target < 0) {
  process.stderr.write('usage: npm run chaos -- --seed S --faults N [--files M] [--max-size-mib X] [--files-per-drop K] [--keep]\n');
  process.exit(2);
}
const started = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/** The run tests the code as it was when it started: `ferry` runs from a bundle built now (half a second to start,
 * instead of several through tsx), so sources edited meanwhile cannot change — or break — the uploader mid-run. */
async function snapshotCli(): Promise<string> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outfile = path.join(root, 'dist', `chaos-${process.pid}`, 'cli.mjs'); // under the checkout: node_modules resolve
  await build({ entryPoints: [path.join(root, 'src/cli/main.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return outfile;
}

async function main(): Promise<number> {
  const cli = await snapshotCli();
  useCli(cli);
  console.log(`chaos: seed ${seed}, at least ${target} faults and ${minFiles} files (rerun with --seed ${seed} --faults ${target})`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'ferry-chaos-'));
  let host: SandboxHost | null = null;
  const stop = () => {
    killAll();
    void host?.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    host = await SandboxHost.start({ partSizeBytes: PART_SIZE, completionLagMs: 300, partPlan: 'random', partPlanSeed: seed }, path.join(work, 'sandbox'), log);
    const api = new V2Client({ baseUrl: host.info.apiUrl, token: host.token });
    const targetFolder = await api.createFolder(host.info.rootAssetId, `chaos seed ${seed}`);
    const ctx = new RunContext(host, work, targetFolder.id, log);
    const options: PlanOptions = { seed, maxSize, partSize: PART_SIZE, maxFilesPerDrop };
    const drops: Drop[] = [];
    const injected = async () => totalFaults(faultsByKind(ctx, (await ctx.host.stats()).faultsInjected));
    while ((await injected()) < target || ctx.files.size < minFiles) {
      const drop = planDrop(options, drops.length);
      drops.push(drop);
      await (drop.driver === 'cli' ? runCliDrop(ctx, drop) : runEngineDrop(ctx, drop));
      log(`drop ${drop.index} (${drop.api}, ${drop.driver}, ${drop.files.length} files, ${drop.acts.map((a) => a.kind).join(' ') || 'no acts'}): ${await injected()} faults so far`);
    }
    // Faults off and the network back: whatever any drop left unfinished is resumed, as a person would the next day.
    await host.setFaults({});
    await host.plug();
    for (const drop of drops) if (!(await resumeDrop(ctx, drop, 2))) log(`drop ${drop.index}: still unfinished after the final resume`);
    const stats = await host.stats();
    const faults = totalFaults(faultsByKind(ctx, stats.faultsInjected));
    const verdict = await verify(ctx);
    const resent = Object.values(stats.partPuts).reduce((n, parts) => n + Object.values(parts).reduce((m, c) => m + Math.max(0, c - 1), 0), 0);
    const { acts } = ctx;
    const resentBound = JOURNAL_MAX_UNJOURNALED_PARTS * (acts.kill + acts.rotate) + ctx.connectionsCut + acts.stall + IN_FLIGHT * (acts.pause + acts.cancel);
    const clean = verdict.corrupt.length + verdict.duplicated.length + verdict.lost.length + verdict.orphans.length === 0;
    const ok = clean && resent <= resentBound && faults >= target;
    console.log(table(ctx, verdict, { sandbox: stats.faultsInjected, resent, resentBound, seconds: (Date.now() - started) / 1000 }, clean));
    console.log(closingLine(ctx, verdict, faults));
    return ok ? 0 : 1;
  } finally {
    killAll();
    await host?.close();
    await rm(path.dirname(cli), { recursive: true, force: true });
    if (!values.keep) await rm(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
