// The terminal table and docs/benchmarks.md (+ its SVG chart).
import { existsSync, readFileSync } from 'node:fs';
import type { Panel } from './chart.js';
import type { Machine } from './machine.js';
import type { ApiCalls, MemoryPoint, Row, Startup, TargetResult } from './results.js';
import { fmt } from './stats.js';
import { TOOLS, type ScenarioId } from './tools.js';
import { uiDocsBlock, type UiReport } from '../ui/report.js';
import type { LimitedRun } from './limited.js';
import { keptLinks } from './link-report.js';

export interface BenchConfig {
  quick: boolean;
  largeBytes: number;
  smallCount: number;
  smallBytes: number;
  smallMinKiB: number;
  smallMaxKiB: number;
  runs: number;
  memory: boolean;
  memorySizesMiB: number[];
}

export interface Report {
  config: BenchConfig;
  machine: Machine;
  rows: Row[];
  memory: MemoryPoint[];
  startup: Startup[];
  apiCalls: ApiCalls[];
  /** Small files over V4 against Frame.io's published limits (the sandbox enforcing them). */
  limited?: LimitedRun;
  targets: TargetResult[];
  totalS: number;
  /** Renderer frame times (bench/ui), when this run measured them. */
  ui?: UiReport;
}

function apiSummary(a: ApiCalls): { total: number; perFile: number; routes: string } {
  const entries = Object.entries(a.counts).sort((x, y) => y[1] - x[1]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return { total, perFile: total / a.files, routes: entries.map(([k, n]) => `${k} ×${n}`).join(', ') };
}

const SCENARIO_TITLE: Record<ScenarioId, string> = { large: 'Large file', small: 'Small files' };

function sizeLabel(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return mib >= 1024 ? `${fmt(mib / 1024, mib % 1024 ? 1 : 0)} GiB` : `${fmt(mib, 0)} MiB`;
}

export function scenarioLabel(c: BenchConfig, s: ScenarioId): string {
  return s === 'large'
    ? `${SCENARIO_TITLE.large}, ${sizeLabel(c.largeBytes)}`
    : `${c.smallCount} small files (${c.smallMinKiB} KiB–${c.smallMaxKiB} KiB, ${fmt(c.smallBytes / 1e6, 0)} MB)`;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

export function consoleReport(r: Report): string {
  const lines: string[] = [];
  const head = ['tool', 'wall s', 'MB/s', 'files/s', 'net MB/s', 'net f/s', 'RSS MB', 'CPU s', 'CPU s/GB', 'srv CPU s', 'others', 'ok'];
  const widths = [30, 7, 7, 8, 9, 8, 7, 6, 9, 9, 7, 5];
  for (const s of ['large', 'small'] as const) {
    lines.push('', scenarioLabel(r.config, s));
    lines.push(head.map((h, i) => pad(h, widths[i] ?? 8, i > 0)).join(' '));
    for (const row of r.rows.filter((x) => x.scenario === s)) {
      const cells = [
        row.label,
        fmt(row.wallS, 2),
        fmt(row.mbps),
        fmt(row.filesPerS),
        fmt(row.netMbps),
        fmt(row.netFilesPerS),
        fmt(row.rssMB, 0),
        fmt(row.cpuS, 2),
        fmt(row.cpuPerGB, 2),
        fmt(row.serverCpuS, 2),
        fmt(row.otherCores, 2),
        `${row.okRuns}/${row.runs}`,
      ];
      lines.push(cells.map((c, i) => pad(c, widths[i] ?? 8, i > 0)).join(' '));
      for (const e of row.errors) lines.push(`    ! ${e}`);
    }
  }
  if (r.memory.length) {
    lines.push('', 'ferry upload memory');
    for (const m of r.memory) {
      lines.push(`  ${pad(m.label, 8)} peak RSS ${pad(fmt(m.rssMB, 0), 5, true)} MB   wall ${fmt(m.wallS, 2)} s   CPU ${fmt(m.cpuS, 2)} s   others ${fmt(m.otherCores, 2)} cores${m.ok ? '' : `   FAILED: ${m.error ?? ''}`}`);
    }
  }
  if (r.apiCalls.length) {
    lines.push('', 'API requests (untimed diagnostic run through a counting proxy)');
    for (const a of r.apiCalls) {
      const x = apiSummary(a);
      lines.push(`  ${pad(a.tool, 6)} ${pad(a.scenario, 6)} ${pad(String(x.total), 6, true)} (${fmt(x.perFile, 2)}/file)  ${x.routes}${a.ok ? '' : '  [run failed]'}`);
    }
  }
  if (r.limited) {
    const l = r.limited;
    lines.push('', `At Frame.io's V4 limits: ${l.files} files in ${fmt(l.wallS, 1)} s = ${fmt(l.filesPerS, 2)} files/s, ${fmt(l.share * 100, 0)} % of the ${l.ceilingFilesPerS}/s ceiling; ${l.throttled} × 429 (${l.throttledAfterFirstWindow} after the first window)${l.ok ? '' : `; FAILED: ${l.error ?? ''}`}`);
  }
  lines.push('', `process start-up (no-op invocation): ${r.startup.map((s) => `${s.tool} ${fmt(s.wallS, 2)} s / ${fmt(s.rssMB, 0)} MB`).join(', ')}`);
  lines.push('', 'Targets');
  for (const t of r.targets) {
    lines.push(`  ${pad(t.verdict, 4)}  ${pad(t.name, 40)} ${pad(t.required, 32)} ${t.actual}${t.note ? `; ${t.note}` : ''}`);
  }
  const missed = r.targets.filter((t) => t.verdict === 'FAIL');
  lines.push('', missed.length ? `MISSED ${missed.length} target(s): ${missed.map((t) => t.name).join('; ')}` : 'All measured targets met.');
  lines.push(`Total bench time ${fmt(r.totalS, 0)} s.`);
  return lines.join('\n');
}

export function chartPanels(r: Report): Panel[] {
  const order = TOOLS.map((t) => t.id);
  const rows = (s: ScenarioId) => r.rows.filter((x) => x.scenario === s).sort((a, b) => order.indexOf(a.tool) - order.indexOf(b.tool));
  const panels: Panel[] = [
    { title: scenarioLabel(r.config, 'large'), unit: 'MB/s', better: 'higher', bars: rows('large').map((x) => ({ label: x.label, value: x.mbps, tool: x.tool })) },
    { title: `${r.config.smallCount} small files`, unit: 'files/s', better: 'higher', bars: rows('small').map((x) => ({ label: x.label, value: x.filesPerS, tool: x.tool })) },
    { title: `Peak RSS, large file (${sizeLabel(r.config.largeBytes)})`, unit: 'MB', better: 'lower', bars: rows('large').map((x) => ({ label: x.label, value: x.rssMB, tool: x.tool })) },
  ];
  if (r.memory.length) {
    panels.push({
      title: 'Peak RSS of ferry upload by file size',
      unit: 'MB',
      better: 'lower',
      bars: r.memory.map((m) => ({ label: `ferry, ${m.label} file`, value: m.ok ? m.rssMB : NaN, tool: 'ferry' })),
    });
  }
  return panels;
}

const NOTES_START = '<!-- notes: kept when the bench rewrites this file -->';
const NOTES_END = '<!-- /notes -->';

function keptNotes(mdPath: string): string {
  if (!existsSync(mdPath)) return `${NOTES_START}\n_(no notes yet)_\n${NOTES_END}`;
  const old = readFileSync(mdPath, 'utf8');
  const a = old.indexOf(NOTES_START);
  const b = old.indexOf(NOTES_END);
  if (a < 0 || b < a) return `${NOTES_START}\n_(no notes yet)_\n${NOTES_END}`;
  return old.slice(a, b + NOTES_END.length);
}

function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const sep = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function limitedSection(l: LimitedRun): string[] {
  return [
    "### At Frame.io's published limits (V4)",
    '',
    `The small-file folder once more over V4, on a sandbox that enforces the published per-operation limits ` +
      `(\`limits: 'frameio'\`, fixed windows), through the counting proxy. The ceiling is local_upload's ${l.ceilingFilesPerS} calls per second: ` +
      `${l.files} files cannot take less than ${fmt(l.files / l.ceilingFilesPerS, 0)} s, whatever the uploader. Ferry reads the limit from the ` +
      '`x-ratelimit-*` headers and paces every call at 92 % of it (decision 0018).',
    '',
    mdTable(
      ['files', 'wall s', 'files/s', 'share of the ceiling', 'API calls (per file)', '429s (after the first window)', 'result'],
      [[String(l.files), fmt(l.wallS, 1), fmt(l.filesPerS, 2), `${fmt(l.share * 100, 0)} %`, `${l.apiCalls} (${fmt(l.apiCalls / l.files, 2)})`, `${l.throttled} (${l.throttledAfterFirstWindow})`, l.ok ? 'every file completed' : `FAILED: ${l.error ?? ''}`]],
      ['r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  ];
}

export function markdown(r: Report, mdPath: string, chartRel: string): string {
  const c = r.config;
  const m = r.machine;
  const out: string[] = [];
  out.push('# Benchmarks');
  out.push('');
  out.push(
    `Generated by \`npm run bench\` (${c.quick ? '`--quick`, ' : ''}${new Date(m.date).toUTCString()}, ${fmt(r.totalS / 60, 1)} min). ` +
      'Rerun it to refresh this page; only the notes section below (and the renderer frame times, when a run skips them) is kept between runs.',
  );
  out.push('');
  out.push('## Machine');
  out.push('');
  out.push(`- ${m.nproc} CPU cores (${m.cpuModel}), ${fmt(m.memGiB, 0)} GiB RAM, ${m.os}, Linux ${m.kernel}`);
  out.push(`- Node ${m.node}; ${m.awscli}; ${m.rclone}; ${m.ceph} (radosgw, one memstore OSD)`);
  out.push(`- Ferry at commit ${m.ferryCommit}`);
  out.push(`- 1-minute load average when the bench started: ${fmt(m.loadAvg1, 2)} (see "others" below for load from unrelated processes)`);
  out.push('');
  out.push('## Method');
  out.push('');
  out.push(
    [
      `- One throwaway Ceph radosgw (\`scripts/radosgw.sh\`, memstore: objects live in RAM) on 127.0.0.1, started and stopped by the bench. ` +
        'Everything runs on the same machine, so client, API, gateway and OSD share the cores: these are loopback numbers, ' +
        'a measure of per-byte and per-file overhead, not of a real network link.',
      '- The Frame.io-style uploaders talk to the sandbox (`startSandbox()` in the bench process, external-S3 mode) whose part URLs ' +
        'are presigned for that radosgw; a fresh sandbox per measurement. `aws` and `rclone` write to their own buckets on the same radosgw.',
      `- Data: a ${sizeLabel(c.largeBytes)} file and a folder of ${c.smallCount} files of ${c.smallMinKiB} KiB–${c.smallMaxKiB} KiB ` +
        '(log-uniform sizes, seeded), incompressible bytes, in the page cache.',
      '- Contenders, each its own process, wall time from spawn to exit (so process start-up counts):',
      '  - **ferry upload**: `node bench/tools/cli-bundle.mjs --json upload PATH --to ROOT` (the built CLI bundle, rebuilt before measuring) with its defaults (8 parts in flight) over the V2 API; ' +
        'it also confirms with the API that every file completed. **ferry upload (V4)**: the same over the sandbox\'s V4 API ' +
        '(`--api …/v4 --to <root folder>`), same data, same storage. The reference uploaders below speak V2.',
      '  - **bare parallel PUT (8)**: `bench/tools/frameio-put.ts --mode bare`: create the asset with one `fetch`, PUT its parts ' +
        '(ceil rule) with `node:http` streaming file ranges, 8 in flight; for a folder up to 8 files at once under the same cap. ' +
        'No retry, no progress, no confirmation: the ceiling for this server.',
      '  - **SDK pattern (1 file, 5 parts)**: the official legacy SDK\'s pattern: one file at a time, create, then its parts 5 in parallel.',
      '  - **aws s3 cp**: Debian awscli with its defaults (8 MiB parts, 10 concurrent requests); `--recursive` for the folder.',
      '  - **rclone copy**: Debian rclone with its defaults (4 transfers; for a large file 5 MiB chunks, 4 at once, after an MD5 pass).',
      `- One untimed warm-up upload per tool, then ${c.runs} run${c.runs > 1 ? 's' : ''} of each (tools rotated between runs); ` +
        'the tables show the median. Objects are deleted (and radosgw garbage-collected) after every measurement.',
      '- Peak RSS and CPU (user+sys) come from GNU `time` around the process (descendants included). ' +
        '"srv CPU" is what radosgw, the OSD, the monitor and the sandbox API spent during the run. MB = 10⁶ bytes, GB = 10⁹ bytes. ' +
        '"others" is the CPU (in cores) that unrelated processes on the machine used during the run (the machine\'s busy time ' +
        'minus the tool\'s and the servers\'): before each timed run the bench waits up to 15 s for the machine to be quiet. ' +
        '"net" rates take each tool\'s own start-up time (a no-op invocation, measured separately) off the wall time.',
    ].join('\n'),
  );
  out.push('');
  out.push('## Results');
  out.push('');
  for (const s of ['large', 'small'] as const) {
    out.push(`### ${scenarioLabel(c, s)}`);
    out.push('');
    out.push(
      mdTable(
        ['tool', 'wall s (runs)', 'MB/s', 'files/s', 'net MB/s', 'net files/s', 'peak RSS MB', 'CPU s', 'CPU s/GB', 'srv CPU s', 'others'],
        r.rows
          .filter((x) => x.scenario === s)
          .map((x) => [
            x.tool.startsWith('ferry') ? `**${x.label}**` : x.label,
            `${fmt(x.wallS, 2)} (${x.walls.map((w) => fmt(w, 2)).join(', ')})${x.okRuns < x.runs ? ` — ${x.runs - x.okRuns} failed: ${x.errors.join('; ')}` : ''}`,
            fmt(x.mbps),
            fmt(x.filesPerS),
            fmt(x.netMbps),
            fmt(x.netFilesPerS),
            fmt(x.rssMB, 0),
            fmt(x.cpuS, 2),
            fmt(x.cpuPerGB, 2),
            fmt(x.serverCpuS, 2),
            fmt(x.otherCores, 2),
          ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    out.push('');
  }
  out.push('### Memory of `ferry upload` by file size');
  out.push('');
  if (r.memory.length) {
    out.push(
      mdTable(
        ['file', 'peak RSS MB', 'wall s', 'MB/s', 'CPU s', 'others'],
        r.memory.map((x) => [x.label, x.ok ? fmt(x.rssMB, 0) : `failed: ${x.error ?? ''}`, fmt(x.wallS, 2), fmt(x.bytes / 1e6 / x.wallS), fmt(x.cpuS, 2), fmt(x.otherCores, 2)]),
        ['l', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  } else {
    out.push('Not measured in this run (`npm run bench -- --memory`).');
  }
  out.push('');
  out.push(`Process start-up, a no-op invocation of each (wall time / peak RSS): ${r.startup.map((s) => `${s.tool} ${fmt(s.wallS, 2)} s / ${fmt(s.rssMB, 0)} MB`).join(', ')}.`);
  out.push('');
  if (r.apiCalls.length) {
    out.push('### API round trips');
    out.push('');
    out.push('One extra, untimed run of each Frame.io-style uploader through a counting proxy in front of the sandbox API ' +
      '(ids in paths shown as `{id}`):');
    out.push('');
    out.push(
      mdTable(
        ['uploader', 'upload', 'API requests', 'per file', 'by route'],
        r.apiCalls.map((a) => {
          const x = apiSummary(a);
          return [TOOLS.find((t) => t.id === a.tool)?.label ?? a.tool, a.scenario === 'large' ? 'large file' : `${a.files} small files`, String(x.total), fmt(x.perFile, 2), x.routes.replace(/\|/g, '\\|')];
        }),
        ['l', 'l', 'r', 'r', 'l'],
      ),
    );
    out.push('');
  }
  if (r.limited) out.push(...limitedSection(r.limited), '');
  const links = keptLinks(mdPath); // the link profiles' section: rewritten by their own runs, kept here
  if (links) out.push(links, '');
  out.push('## Targets');
  out.push('');
  out.push(
    mdTable(
      ['target', 'required', 'measured', 'result'],
      r.targets.map((t) => [t.name, t.required, `${t.actual}${t.note ? `; ${t.note}` : ''}`, t.verdict === 'FAIL' ? '**FAIL**' : t.verdict]),
      ['l', 'l', 'l', 'l'],
    ),
  );
  out.push('');
  out.push(`![Throughput and memory](${chartRel})`);
  out.push('');
  const ui = uiDocsBlock(r.ui, mdPath);
  if (ui) out.push(ui, '');
  out.push('## Notes');
  out.push('');
  out.push(keptNotes(mdPath));
  out.push('');
  out.push('## Running it');
  out.push('');
  out.push(
    [
      '```sh',
      'npm run bench                 # 1 GiB file + 500 small files, 3 runs, plus the memory check (256 MiB, 4 GiB)',
      'npm run bench -- --quick      # smoke run: 128 MiB + 100 files, 1 run, no memory check, docs untouched',
      'npm run bench -- --large-mib 512 --runs 2 --no-memory',
      'npm run bench -- --only ui     # only the renderer frame times (about 5 min); rewrites only their section',
      'npm run bench -- --profiles office,far   # only the link profiles (lan, office, far); rewrites only their section',
      '```',
      '',
      'Needs radosgw (`bash scripts/radosgw.sh install`), Debian `awscli` and `rclone` (installed with apt-get when missing and ' +
        'running as root) and GNU `time`. Other flags: `--small-count N`, `--memory`/`--no-memory`, `--data DIR` (reuse generated ' +
        'files), `--docs`/`--no-docs`, `--json FILE`, `--from-json docs/benchmarks/results.json` (rewrite this page and the chart ' +
        'from saved results, without measuring), `--no-ui` (skip the renderer frame times; they need Debian\'s `chromium`), ' +
        '`--no-links` (skip the link profiles), `--link-large-mib N`, `--card-files N`, `--stills-files N`, `--sdk-stills N` (the link workloads).',
    ].join('\n'),
  );
  out.push('');
  return out.join('\n');
}
