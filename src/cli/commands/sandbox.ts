// `ferry sandbox`: runs the local Frame.io-compatible server until Ctrl-C, so anyone can try Ferry with no account.
import type { LimitsMode, PartPlan, SandboxFaults, SandboxOptions } from '../../sandbox/index';
import { CliError } from '../cli-error';
import { defaultSandboxDir } from '../session';

export interface SandboxCommandOptions {
  port?: number;
  data?: string;
  reset?: boolean;
  s3Endpoint?: string;
  s3AccessKey?: string;
  s3SecretKey?: string;
  s3Bucket?: string;
  partSize?: number;
  urlExpires?: number;
  faults?: string;
  /** `generous` (default) or `frameio`: the published rate limits, per operation. */
  limits?: string;
  /** V4 local_upload's split: even, short-first or random. */
  partPlan?: string;
  /** Milliseconds between the last part stored and the file showing as uploaded. */
  completionLag?: number;
  /** The sign-in server's access-token lifetime: "30s", "5m", "24h" or seconds. */
  imsTokenLifetime?: string;
  json: boolean;
}

const LIMITS: readonly LimitsMode[] = ['generous', 'frameio'];
const PART_PLANS: readonly PartPlan[] = ['even', 'short-first', 'random'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`, 2);
  return value as T;
}

const FAULT_KEYS = ['seed', 'put503', 'put500', 'putReset', 'putSlow', 'slowBytesPerSec', 'api429', 'retryAfterS', 'expireUrls'] as const;

/** "30s", "5m", "2h", "1d" or a bare number of seconds → seconds. */
export function parseDuration(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(value.trim());
  const seconds = m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isFinite(seconds) || seconds < 1) throw new CliError(`${flag}: expected a duration of at least 1 s such as 30s, 5m or 24h, got "${value}"`, 2);
  return Math.round(seconds);
}

/** "put503=0.1,putReset=0.05,seed=7" → SandboxFaults, rejecting unknown keys so a typo is not silently ignored. */
export function parseFaults(spec: string): SandboxFaults {
  const faults: Record<string, number> = {};
  for (const pair of spec.split(',').filter(Boolean)) {
    const [key = '', value = ''] = pair.split('=');
    if (!(FAULT_KEYS as readonly string[]).includes(key)) throw new CliError(`--faults: unknown fault "${key}" (known: ${FAULT_KEYS.join(', ')})`, 2);
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new CliError(`--faults: ${key} needs a number ≥ 0, got "${value}"`, 2);
    faults[key] = n;
  }
  return faults as SandboxFaults;
}

/** The banner's line for --faults: on purpose, so a failing request is not taken for a broken sandbox. */
const faultsLine = (faults: SandboxFaults | undefined): string =>
  faults && Object.keys(faults).length
    ? `\n  Faults:         ${Object.entries(faults).map(([k, v]) => `${k}=${v}`).join(', ')}   (injected on purpose: some requests fail)`
    : '';

export async function sandbox(options: SandboxCommandOptions): Promise<void> {
  const s3Flags = [options.s3Endpoint, options.s3AccessKey, options.s3SecretKey];
  if (s3Flags.some(Boolean) && !s3Flags.every(Boolean)) {
    throw new CliError('--s3-endpoint, --s3-access-key and --s3-secret-key go together.', 2);
  }
  const limits = oneOf('--limits', options.limits, LIMITS);
  const partPlan = oneOf('--part-plan', options.partPlan, PART_PLANS);
  const config: SandboxOptions = {
    dataDir: options.data ?? defaultSandboxDir(),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.reset ? { reset: true } : {}),
    ...(options.partSize ? { partSizeBytes: options.partSize } : {}),
    ...(options.urlExpires ? { urlExpiresS: options.urlExpires } : {}),
    ...(options.faults ? { faults: parseFaults(options.faults) } : {}),
    ...(limits ? { limits } : {}),
    ...(partPlan ? { partPlan } : {}),
    ...(options.completionLag !== undefined ? { completionLagMs: options.completionLag } : {}),
    ...(options.imsTokenLifetime ? { ims: { accessTokenLifetimeS: parseDuration('--ims-token-lifetime', options.imsTokenLifetime) } } : {}),
    ...(options.s3Endpoint && options.s3AccessKey && options.s3SecretKey
      ? { s3: { endpoint: options.s3Endpoint, accessKey: options.s3AccessKey, secretKey: options.s3SecretKey, ...(options.s3Bucket ? { bucket: options.s3Bucket } : {}) } }
      : {}),
  };
  const { startSandbox } = await import('../../sandbox/index');
  const server = await startSandbox(config).catch((error: unknown) => {
    throw new CliError(`Could not start the sandbox: ${(error as Error).message}`);
  });
  if (options.json) {
    // One line; `api`, `token` and `root_asset_id` are V2's (unchanged), the rest V4's.
    console.log(JSON.stringify({
      api: server.apiUrl,
      token: server.token,
      root_asset_id: server.rootAssetId,
      api_v4: server.apiV4Url,
      account_id: server.accountId,
      root_folder_id: server.rootFolderId,
      legacy_token: server.legacyToken,
      // Its Adobe-IMS-like sign-in: endpoints at {ims}/ims/authorize/v2 and {ims}/ims/token/v3.
      ims: server.imsUrl,
      client_id: server.imsClientId,
      redirect_uri: server.imsRedirectUri,
      ...(config.faults ? { faults: config.faults } : {}),
    }));
  } else {
    console.log(`Ferry sandbox — a local Frame.io-compatible server (data in ${config.dataDir})
  API (V4):       ${server.apiV4Url}   account ${server.accountId}
  API (V2):       ${server.apiUrl}
  Storage:        ${server.storageUrl}
  Token:          ${server.token}
  Legacy token:   ${server.legacyToken}   (V4 only with x-frameio-legacy-token-auth: true)
  Demo project:   root folder ${server.rootFolderId} (V2: root asset ${server.rootAssetId})
  Adobe sign-in:  ${server.imsUrl}/ims/authorize/v2   client ${server.imsClientId}, redirect ${server.imsRedirectUri}${faultsLine(config.faults)}

Try it from another terminal:
  export FRAMEIO_TOKEN=${server.token}
  npm run ferry -- --api ${server.apiV4Url} ls ${server.rootFolderId}
  npm run ferry -- --api ${server.apiV4Url} upload <file-or-folder> --to ${server.rootFolderId}
  (the same over V2: --api ${server.apiUrl})
Or sign in with its Adobe-like sign-in (kept in the OS keychain; used where FRAMEIO_TOKEN is not set):
  FERRY_IMS_URL=${server.imsUrl} FERRY_IMS_CLIENT_ID=${server.imsClientId} FERRY_IMS_REDIRECT_URI=${server.imsRedirectUri} \\
    npm run ferry -- --api ${server.apiV4Url} login

Press Ctrl-C to stop.`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}
