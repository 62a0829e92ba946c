// What the numbers were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { AWS_BIN, RCLONE_BIN, REPO } from './tools.js';

export interface Machine {
  date: string;
  nproc: number;
  cpuModel: string;
  memGiB: number;
  kernel: string;
  os: string;
  node: string;
  awscli: string;
  rclone: string;
  ceph: string;
  ferryCommit: string;
  /** 1-minute load average when the bench started (the machine may be shared) */
  loadAvg1: number;
}

function firstLine(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env, timeout: 20_000 });
    return out.trim().split('\n')[0] ?? '?';
  } catch {
    return '?';
  }
}

function osName(): string {
  try {
    const rel = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(rel)?.[1] ?? 'Linux';
  } catch {
    return os.type();
  }
}

export function describeMachine(): Machine {
  const commit = firstLine('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']);
  const status = firstLine('git', ['-C', REPO, 'status', '--porcelain', '--', 'src', 'bin']);
  const dirty = status !== '' && status !== '?' ? ' (+ uncommitted changes in src/)' : '';
  const awsEnv = { ...process.env, AWS_CA_BUNDLE: '' };
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? '?',
    memGiB: os.totalmem() / 1024 ** 3,
    kernel: os.release(),
    os: osName(),
    node: process.version,
    awscli: firstLine(AWS_BIN, ['--version'], awsEnv).split(' ')[0] ?? '?',
    rclone: firstLine(RCLONE_BIN, ['version']),
    ceph: firstLine('ceph', ['--version']).replace(/\s*\([0-9a-f]{20,}\)/, ''),
    ferryCommit: `${commit}${dirty}`,
    loadAvg1: os.loadavg()[0] ?? NaN,
  };
}
