import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshCompletion } from './api/completion-check.js';
import type { ApiContext } from './api/context.js';
import { RateLimiter } from './api/rate-limit.js';
import { createApiServer } from './api/server.js';
import { DEFAULT_PART_SIZE_BYTES } from './completion.js';
import { FaultController } from './faults.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { seedState, type SeedFile } from './state/seed.js';
import { Store } from './state/store.js';
import { startLocalStorage } from './storage/local-storage.js';
import type { PartStore } from './storage/part-store.js';
import { createS3Client } from './storage/presign.js';
import { S3PartStore } from './storage/s3-part-store.js';
import { closeServer, listen } from './util/listen.js';

// Frame.io's part URLs live 24 h (X-Amz-Expires=86400, frameio-api.md "Upload mechanics" 4).
const DEFAULT_URL_EXPIRES_S = 86_400;
const DEFAULT_REGION = 'us-east-1';
const DEFAULT_EXTERNAL_BUCKET = 'ferry-sandbox';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.log ?? (() => undefined);
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ferry-sandbox-')));
  if (opts.reset) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  let store = Store.load(dataDir);
  let seedFiles: SeedFile[] = [];
  if (!store) {
    const seeded = seedState(opts.token);
    store = Store.create(dataDir, seeded.state);
    seedFiles = seeded.files;
  } else if (opts.token !== undefined && opts.token !== store.state.token) {
    store.state.token = opts.token;
    store.save();
  }
  const faults = new FaultController(opts.faults);
  const servers: Server[] = [];
  // The storage server starts before the API context exists; its callback reaches the context through this.
  const ref: { ctx?: ApiContext } = {};

  let parts: PartStore;
  let s3Creds;
  if (opts.s3) {
    s3Creds = { endpoint: opts.s3.endpoint.replace(/\/+$/, ''), accessKey: opts.s3.accessKey, secretKey: opts.s3.secretKey, region: opts.s3.region ?? DEFAULT_REGION };
    const external = new S3PartStore(createS3Client(s3Creds), s3Creds.endpoint, opts.s3.bucket ?? DEFAULT_EXTERNAL_BUCKET);
    await external.ensureBucket();
    parts = external;
  } else {
    const local = await startLocalStorage({
      dataDir,
      port: opts.storagePort ?? 0,
      state: store.state,
      region: DEFAULT_REGION,
      faults,
      log,
      onPartStored: async (assetId) => {
        const asset = ref.ctx?.store.asset(assetId);
        if (ref.ctx && asset) await refreshCompletion(ref.ctx, asset);
      },
    });
    servers.push(local.server);
    parts = local.parts;
    s3Creds = { endpoint: local.endpoint, accessKey: store.state.s3AccessKey, secretKey: store.state.s3SecretKey, region: DEFAULT_REGION };
  }

  const s3 = createS3Client(s3Creds);
  const ctx: ApiContext = {
    store,
    parts,
    s3,
    faults,
    limiter: new RateLimiter(opts.rateLimits),
    partSizeBytes: opts.partSizeBytes ?? DEFAULT_PART_SIZE_BYTES,
    urlExpiresS: opts.urlExpiresS ?? DEFAULT_URL_EXPIRES_S,
    checkCompletionOnRead: opts.s3 !== undefined,
    apiOrigin: '',
    background: new Set(),
    shutdown: new AbortController(),
    log,
  };
  ref.ctx = ctx;
  await storeSeedFiles(parts, dataDir, seedFiles);

  const api = createApiServer(ctx);
  servers.push(api);
  const apiPort = await listen(api, opts.port ?? 0);
  ctx.apiOrigin = `http://127.0.0.1:${apiPort}`;
  const root = store.state.projects.find((p) => p.name === 'Demo Project');

  return {
    apiUrl: `${ctx.apiOrigin}/v2`,
    storageUrl: parts.endpoint,
    token: store.state.token,
    accountId: store.state.user.accountId,
    rootAssetId: root?.rootAssetId ?? '',
    setFaults: (f) => faults.set(f),
    stats: () => faults.stats(),
    close: async () => {
      ctx.shutdown.abort();
      await Promise.allSettled([...ctx.background]);
      await Promise.all(servers.map(closeServer));
      s3.destroy();
      // A temp dir we made ourselves can never be reopened, so it goes with the sandbox.
      if (opts.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Seed files go through the same part storage as uploads, so `original` works in both modes. */
async function storeSeedFiles(parts: PartStore, dataDir: string, files: SeedFile[]): Promise<void> {
  for (const f of files) {
    const tmp = join(dataDir, `.seed-${f.assetId}`);
    await writeFile(tmp, f.bytes);
    await parts.putPartFromFile(f.assetId, 1, tmp);
    await rm(tmp, { force: true });
  }
}
