// The uploaders under test and how each is invoked. Ferry is driven only through its CLI, so the bench keeps
// working while the engine changes.
import { fileURLToPath } from 'node:url';

export type ToolId = 'ferry' | 'ferry-v4' | 'bare' | 'sdk' | 'aws' | 'rclone';
export type ScenarioId = 'large' | 'small';

export const FRAMEIO_BUCKET = 'bench-frameio';
export const AWS_BUCKET = 'bench-aws';
export const RCLONE_BUCKET = 'bench-rclone';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const AWS_BIN = '/usr/bin/aws'; // explicit: a pyenv shim earlier on PATH shadows Debian's awscli
export const RCLONE_BIN = 'rclone';
/**
 * Ferry's CLI as users run it: the built bundle (dist/cli.mjs, rebuilt by the bench before it measures). Not
 * bin/ferry.mjs, which compiles src/ with tsx on the fly whenever a source file is newer than the bundle (~0.7 s more
 * per start on this machine, and src/ changes all the time in a shared checkout).
 */
export const FERRY_CLI = fileURLToPath(new URL('../tools/cli-bundle.mjs', import.meta.url));

/** What one upload sends: a single file, or a folder of files (uploaded as a folder of the same name). */
export interface Target {
  kind: ScenarioId;
  path: string;
  /** name used for the object key / remote folder */
  name: string;
  files: number;
  bytes: number;
}

export interface SandboxEndpoint {
  /** V2 API and the demo project's root asset id. */
  api: string;
  token: string;
  rootAssetId: string;
  /** V4 API (same sandbox, same data) and the same project's root folder id. */
  apiV4: string;
  rootFolderId: string;
}

export interface S3Endpoint {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** empty files pointing the clients away from any ~/.aws or rclone.conf on the machine */
  emptyConfig: string;
}

export interface Invocation {
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface Tool {
  id: ToolId;
  label: string;
  /** the bucket its bytes land in (Frame.io-style tools: the sandbox's part bucket) */
  bucket: string;
  usesSandbox: boolean;
  invoke(t: Target, sb: SandboxEndpoint | undefined, s3: S3Endpoint): Invocation;
  /** An error message when the run's own output says it did not upload everything, otherwise undefined. */
  check(stdout: string, t: Target): string | undefined;
}

function lastJson(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function needSandbox(sb: SandboxEndpoint | undefined): SandboxEndpoint {
  if (!sb) throw new Error('this tool needs the sandbox');
  return sb;
}

const baseEnv = (): NodeJS.ProcessEnv => ({ ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });

/** `ferry upload` over one API version: V2 (the reference the targets were set on) or V4 (where accounts live now). */
function ferryOver(version: 'v2' | 'v4'): Tool {
  return {
    id: version === 'v2' ? 'ferry' : 'ferry-v4',
    label: version === 'v2' ? 'ferry upload' : 'ferry upload (V4)',
    bucket: FRAMEIO_BUCKET,
    usesSandbox: true,
    invoke(t, sb) {
      const s = needSandbox(sb);
      const [api, to] = version === 'v2' ? [s.api, s.rootAssetId] : [s.apiV4, s.rootFolderId];
      return { cmd: process.execPath, args: [FERRY_CLI, '--api', api, '--token', s.token, '--json', 'upload', t.path, '--to', to], env: baseEnv() };
    },
    check: checkFerry,
  };
}

function checkFerry(stdout: string, t: Target): string | undefined {
  const j = lastJson(stdout);
  if (!j) return 'no JSON summary on stdout';
  if (j.completed === t.files && j.failed === 0) return undefined;
  const files = Array.isArray(j.files) ? (j.files as { error?: unknown }[]) : [];
  const first = files.find((f) => typeof f.error === 'string')?.error;
  return `completed ${String(j.completed)}/${t.files}, failed ${String(j.failed)}${typeof first === 'string' ? ` (first error: ${first})` : ''}`;
}

function frameioRef(id: 'bare' | 'sdk', label: string): Tool {
  return {
    id,
    label,
    bucket: FRAMEIO_BUCKET,
    usesSandbox: true,
    invoke(t, sb) {
      const s = needSandbox(sb);
      return {
        cmd: process.execPath,
        args: [
          '--import',
          'tsx',
          `${REPO}bench/tools/frameio-put.ts`,
          '--api',
          s.api,
          '--token',
          s.token,
          '--to',
          s.rootAssetId,
          '--mode',
          id,
          '--concurrency',
          id === 'sdk' ? '5' : '8',
          t.path,
        ],
        env: baseEnv(),
      };
    },
    check(stdout, t) {
      const j = lastJson(stdout);
      if (!j) return 'no JSON summary on stdout';
      if (j.files !== t.files || j.bytes !== t.bytes) return `sent ${String(j.files)} files / ${String(j.bytes)} bytes`;
      return undefined;
    },
  };
}

const aws: Tool = {
  id: 'aws',
  label: 'aws s3 cp',
  bucket: AWS_BUCKET,
  usesSandbox: false,
  invoke(t, _sb, s3) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKey,
      AWS_SECRET_ACCESS_KEY: s3.secretKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: s3.emptyConfig,
      AWS_SHARED_CREDENTIALS_FILE: s3.emptyConfig,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
    const common = ['--endpoint-url', s3.endpoint, '--region', 'us-east-1', '--only-show-errors', '--no-progress'];
    const args =
      t.kind === 'large'
        ? ['s3', 'cp', t.path, `s3://${AWS_BUCKET}/${t.name}`, ...common]
        : ['s3', 'cp', '--recursive', t.path, `s3://${AWS_BUCKET}/${t.name}/`, ...common];
    return { cmd: AWS_BIN, args, env };
  },
  check: () => undefined,
};

const rclone: Tool = {
  id: 'rclone',
  label: 'rclone copy',
  bucket: RCLONE_BUCKET,
  usesSandbox: false,
  invoke(t, _sb, s3) {
    // rclone's S3 backend reads AWS_CA_BUNDLE and fails on it ("unable to load custom CA bundle") even for http.
    const { AWS_CA_BUNDLE: _unused, ...rest } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...rest,
      RCLONE_CONFIG: s3.emptyConfig,
      RCLONE_CONFIG_BENCH_TYPE: 's3',
      RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
      RCLONE_CONFIG_BENCH_ENDPOINT: s3.endpoint,
      RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: s3.accessKey,
      RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: s3.secretKey,
      RCLONE_CONFIG_BENCH_REGION: 'us-east-1',
    };
    const dest = t.kind === 'large' ? `bench:${RCLONE_BUCKET}/` : `bench:${RCLONE_BUCKET}/${t.name}`;
    return { cmd: RCLONE_BIN, args: ['copy', '-q', t.path, dest], env };
  },
  check: () => undefined,
};

export const TOOLS: Tool[] = [
  ferryOver('v2'),
  ferryOver('v4'),
  frameioRef('bare', 'bare parallel PUT (8)'),
  frameioRef('sdk', 'SDK pattern (1 file, 5 parts)'),
  aws,
  rclone,
];

export function tool(id: ToolId): Tool {
  const t = TOOLS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown tool ${id}`);
  return t;
}
