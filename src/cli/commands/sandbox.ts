// `ferry sandbox`: runs the local Frame.io-compatible server until Ctrl-C, so anyone can try Ferry with no account.
import type { SandboxFaults, SandboxOptions } from '../../sandbox/index';
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
  json: boolean;
}

const FAULT_KEYS = ['seed', 'put503', 'put500', 'putReset', 'putSlow', 'slowBytesPerSec', 'api429', 'retryAfterS', 'expireUrls'] as const;

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

export async function sandbox(options: SandboxCommandOptions): Promise<void> {
  const s3Flags = [options.s3Endpoint, options.s3AccessKey, options.s3SecretKey];
  if (s3Flags.some(Boolean) && !s3Flags.every(Boolean)) {
    throw new CliError('--s3-endpoint, --s3-access-key and --s3-secret-key go together.', 2);
  }
  const config: SandboxOptions = {
    dataDir: options.data ?? defaultSandboxDir(),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.reset ? { reset: true } : {}),
    ...(options.partSize ? { partSizeBytes: options.partSize } : {}),
    ...(options.urlExpires ? { urlExpiresS: options.urlExpires } : {}),
    ...(options.faults ? { faults: parseFaults(options.faults) } : {}),
    ...(options.s3Endpoint && options.s3AccessKey && options.s3SecretKey
      ? { s3: { endpoint: options.s3Endpoint, accessKey: options.s3AccessKey, secretKey: options.s3SecretKey, ...(options.s3Bucket ? { bucket: options.s3Bucket } : {}) } }
      : {}),
  };
  const { startSandbox } = await import('../../sandbox/index');
  const server = await startSandbox(config).catch((error: unknown) => {
    throw new CliError(`Could not start the sandbox: ${(error as Error).message}`);
  });
  if (options.json) {
    console.log(JSON.stringify({ api: server.apiUrl, token: server.token, root_asset_id: server.rootAssetId }));
  } else {
    console.log(`Ferry sandbox — a local Frame.io-compatible server (data in ${config.dataDir})
  API:            ${server.apiUrl}
  Storage:        ${server.storageUrl}
  Token:          ${server.token}
  Demo project:   root asset ${server.rootAssetId}

Try it from another terminal:
  export FRAMEIO_TOKEN=${server.token}
  npm run ferry -- --api ${server.apiUrl} ls ${server.rootAssetId}
  npm run ferry -- --api ${server.apiUrl} upload <file-or-folder> --to ${server.rootAssetId}

Press Ctrl-C to stop.`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}
