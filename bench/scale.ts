// Scale (issue 14): how time and memory grow with the number of files. For each size, a tree of tiny files (1 B–2 KiB,
// 100 per folder) is uploaded by `ferry upload` (the built CLI bundle, its own process, peak RSS from GNU time) to a
// separate `ferry sandbox` process (its peak RSS too), and the steps that could grow faster than the file count are
// measured on their own in this process: the scan, and the journal (its first snapshot, then one append per file
// as each completes). Writes docs/benchmarks/scale.md with the table and an ASCII chart per measure.
//   npx tsx bench/scale.ts [--files 1000,5000,10000,20000]
import './lib/quiet.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchJournal } from '../src/core/upload/batch-journal.js';
import { type BatchRecord, Journal, JOURNAL_VERSION, type JournalFileRecord } from '../src/core/upload/journal.js';
import { scanPaths } from '../src/core/upload/scan.js';
import { V2Client } from '../src/core/frameio/v2-client.js';
import { preflight } from '../src/main/backend/preflight.js';
import { asciiChart } from './lib/ascii-chart.js';
import { killRunning, measure } from './lib/measure.js';

const ROOT = join(import.meta.dirname, '..');
const PER_FOLDER = 100;

interface Row {
  files: number;
  uploadS: number;
  ferryRssMB: number;
  ferryCpuS: number;
  sandboxRssMB: number;
  scanS: number;
  preflightS: number;
  journalSnapshotS: number;
  journalAppendsS: number;
  journalBytesPerFile: number;
}

function makeTree(dir: string, files: number): void {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let d = 0; d < Math.ceil(files / PER_FOLDER); d++) {
    const folder = join(dir, `d${String(d).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let f = 0; f < PER_FOLDER && d * PER_FOLDER + f < files; f++) {
      writeFileSync(join(folder, `f${String(f).padStart(3, '0')}.bin`), Buffer.alloc(1 + (next() % 2048), f));
    }
  }
}

/** A `ferry sandbox` of its own under GNU time; resolves with its API line and a stop() giving its peak RSS. */
async function startSandboxProcess(dir: string): Promise<{ api: string; token: string; root: string; stop: () => Promise<number> }> {
  const timeFile = join(dir, 'sandbox-time.txt');
  const child: ChildProcess = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, join(ROOT, 'bench', 'tools', 'cli-bundle.mjs'), 'sandbox', '--port', '0', '--data', join(dir, 'sandbox'), '--json'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const found = out.split('\n').find((l) => l.startsWith('{') && l.includes('"api"'));
      if (found) resolve(found);
    });
    child.on('exit', () => reject(new Error(`ferry sandbox exited before its JSON line: ${out.slice(-300)}`)));
  });
  const info = JSON.parse(line) as { api: string; token: string; root_asset_id: string };
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    api: info.api,
    token: info.token,
    root: info.root_asset_id,
    stop: async () => {
      process.kill(-(child.pid as number), 'SIGINT');
      await exited;
      return (Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) * 1024) / 1e6;
    },
  };
}

async function measureScan(tree: string): Promise<{ s: number; files: JournalFileRecord[] }> {
  const t0 = performance.now();
  const scan = await scanPaths([tree]);
  const s = (performance.now() - t0) / 1000;
  const files = scan.files.map((f, id): JournalFileRecord => ({
    id, path: f.path, remoteDir: f.remoteDir, name: f.name, remoteName: f.name, size: f.size, mtimeMs: f.mtimeMs, status: 'queued', versionOf: null,
    onConflict: 'skip', conflictResolved: true, assetId: null, contentType: null, parts: null, urlsExpireAt: null, partsDone: [], retries: 0, xxHash: null, error: null,
  }));
  return { s, files };
}

/** The journal as an upload drives it: one whole snapshot, then each file journaled once as it completes. */
async function measureJournal(dir: string, files: JournalFileRecord[]): Promise<{ snapshotS: number; appendsS: number; bytesPerFile: number }> {
  const journal = new Journal(join(dir, 'journal'));
  let changed: JournalFileRecord[] = [];
  const record: BatchRecord = { version: JOURNAL_VERSION, id: 'scale', apiUrl: 'http://127.0.0.1:1/v2', apiVersion: 'v2', accountId: null, targetFolderId: 'root', onConflict: 'skip', createdAt: '', updatedAt: '', folders: {}, files: [] };
  const batch = new BatchJournal(journal, record, () => files, () => {}, 16, () => {
    const out = changed;
    changed = [];
    return out;
  });
  let t0 = performance.now();
  await batch.flush();
  const snapshotS = (performance.now() - t0) / 1000;
  let bytes = 0;
  t0 = performance.now();
  for (let i = 0; i < files.length; i += 16) {
    // A write per 16 files: the staleness bound's worst case for one-part files.
    changed = files.slice(i, i + 16).map((f) => ({ ...f, status: 'completed', assetId: `asset-${f.id}` }));
    bytes += changed.reduce((n, f) => n + JSON.stringify({ f }).length + 1, 0);
    await batch.flush();
  }
  return { snapshotS, appendsS: (performance.now() - t0) / 1000, bytesPerFile: bytes / files.length };
}

async function one(files: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-scale-'));
  try {
    const tree = join(dir, 'tree');
    makeTree(tree, files);
    const scan = await measureScan(tree);
    const journal = await measureJournal(dir, scan.files);
    const sandbox = await startSandboxProcess(dir);
    // The desktop app's pre-flight of the drop (the scan, then the destination read along the dropped tree).
    const t0 = performance.now();
    await preflight(new V2Client({ baseUrl: sandbox.api, token: sandbox.token }), [tree], sandbox.root);
    const preflightS = (performance.now() - t0) / 1000;
    const state = join(dir, 'state');
    const env = { ...process.env, FERRY_STATE_DIR: state, XDG_STATE_HOME: state };
    const up = await measure(process.execPath, [join(ROOT, 'bench', 'tools', 'cli-bundle.mjs'), 'upload', tree, '--to', sandbox.root, '--api', sandbox.api, '--token', sandbox.token, '--json'], { env, timeoutMs: 3_600_000 });
    const sandboxRssMB = await sandbox.stop();
    if (up.code !== 0) throw new Error(`ferry upload of ${files} files exited ${up.code}: ${up.stderr.slice(-400)}`);
    return {
      files,
      uploadS: up.wallS,
      ferryRssMB: up.maxRssMB,
      ferryCpuS: up.userS + up.sysS,
      sandboxRssMB,
      scanS: scan.s,
      preflightS,
      journalSnapshotS: journal.snapshotS,
      journalAppendsS: journal.appendsS,
      journalBytesPerFile: journal.bytesPerFile,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rows: Row[]): string {
  const f1 = (n: number) => n.toFixed(1);
  const f2 = (n: number) => n.toFixed(2);
  const out = [
    '# Scale: time and memory against the number of files',
    '',
    `Written by \`npx tsx bench/scale.ts\` on ${new Date().toISOString().slice(0, 10)}: tiny files (1 B–2 KiB), ${PER_FOLDER} per folder, uploaded by \`ferry upload --json\``,
    '(the built CLI bundle, its own process) to a `ferry sandbox` in another process on the same machine. Peak RSS from GNU time.',
    'The scan, the desktop app\'s pre-flight (scan, then the destination read along the tree) and the journal are also measured',
    'alone in the bench process (the journal: its first snapshot, then one',
    'write per 16 completed files, the staleness bound\'s worst case for one-part files).',
    '',
    '| files | upload s | files/s | ferry peak RSS MB | ferry CPU s | sandbox peak RSS MB | scan s | pre-flight s | journal snapshot s | journal appends s | journal bytes/file |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.files} | ${f1(r.uploadS)} | ${f1(r.files / r.uploadS)} | ${f1(r.ferryRssMB)} | ${f1(r.ferryCpuS)} | ${f1(r.sandboxRssMB)} | ${f2(r.scanS)} | ${f2(r.preflightS)} | ${f2(r.journalSnapshotS)} | ${f2(r.journalAppendsS)} | ${r.journalBytesPerFile.toFixed(0)} |`),
    '',
    '```',
    asciiChart('upload time (s) vs files', rows.map((r) => [r.files, r.uploadS])),
    '',
    asciiChart('ferry peak RSS (MB) vs files', rows.map((r) => [r.files, r.ferryRssMB])),
    '',
    asciiChart('sandbox peak RSS (MB) vs files', rows.map((r) => [r.files, r.sandboxRssMB])),
    '',
    asciiChart('journal writes, total s vs files', rows.map((r) => [r.files, r.journalSnapshotS + r.journalAppendsS])),
    '```',
    '',
  ];
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '1000,5000,10000,20000' } } });
  const sizes = (values.files ?? '').split(',').map(Number).filter((n) => n > 0);
  const rows: Row[] = [];
  for (const files of sizes) {
    const row = await one(files);
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  mkdirSync(join(ROOT, 'docs', 'benchmarks'), { recursive: true });
  writeFileSync(join(ROOT, 'docs', 'benchmarks', 'scale.md'), report(rows));
  console.log('wrote docs/benchmarks/scale.md');
}

process.on('SIGINT', () => {
  killRunning();
  process.exit(130);
});
main().catch((error: unknown) => {
  killRunning();
  console.error(error);
  process.exit(1);
});
