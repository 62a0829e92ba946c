import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshCompletion } from './api/completion-check.js';
import { ChecksumJobs } from './checksums.js';
import type { ApiContext } from './api/context.js';
import { limitRules } from './api/limits.js';
import { RateLimiter } from './api/rate-limit.js';
import { createApiServer } from './api/server.js';
import { DEFAULT_PART_SIZE_BYTES, MAX_PART_BYTES } from './completion.js';
import { FaultController } from './faults.js';
import { resolveImsConfig } from './ims/config.js';
import { createIms } from './ims/routes.js';
import { REMOTE_IMPORT_MAX_BYTES, REMOTE_IMPORTS_AT_ONCE } from './remote-import.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { SandboxResources } from './resources.js';
import { LOCK_FILE, lockDataDir } from './state/lock.js';
import { readPorts, writePorts } from './state/ports.js';
import { newToken, secondAccount, seedState, type SeedFile } from './state/seed.js';
import { STATE_FILE, Store } from './state/store.js';
import { BODY_IDLE_TIMEOUT_MS } from './storage/body-idle.js';
import { startLocalStorage } from './storage/local-storage.js';
import type { PartStore } from './storage/part-store.js';
import { createS3Client, PartUrlSigner, type S3Credentials } from './storage/presign.js';
import { S3PartStore } from './storage/s3-part-store.js';
import { listenOn } from './util/listen.js';
import { createPrng } from './util/prng.js';
import { Slots } from './util/slots.js';
import { KeyedTimers } from './util/timers.js';

// Frame.io's part URLs live 24 h (X-Amz-Expires=86400, frameio-api.md "Upload mechanics" 4).
const DEFAULT_URL_EXPIRES_S = 86_400;
// SigV4 presigned URLs cannot live longer than a week; the presigner throws beyond it.
const MAX_URL_EXPIRES_S = 604_800;
const DEFAULT_REGION = 'us-east-1';
const DEFAULT_EXTERNAL_BUCKET = 'ferry-sandbox';

/** Knobs for tests only, kept out of the public SandboxOptions. */
export interface SandboxInternals {
  bodyIdleTimeoutMs?: number;
  /** The sign-in server's clock (token and code lifetimes), so tests can move time instead of sleeping. */
  now?: () => number;
  /** Hands tests the running context, to look at what the sandbox keeps in memory. */
  onContext?: (ctx: ApiContext) => void;
  remoteImportMaxBytes?: number;
}

export function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandboxWith(opts, {});
}

export async function startSandboxWith(opts: SandboxOptions, internals: SandboxInternals): Promise<Sandbox> {
  // Validated up front: otherwise the sandbox starts and every file create fails with 500.
  const urlExpiresS = checkUrlExpires(opts.urlExpiresS ?? DEFAULT_URL_EXPIRES_S);
  const partSizeBytes = opts.partSizeBytes ?? DEFAULT_PART_SIZE_BYTES;
  if (!Number.isInteger(partSizeBytes) || partSizeBytes < 1 || partSizeBytes > MAX_PART_BYTES) {
    throw new Error(`partSizeBytes must be a whole number of bytes from 1 to 5 GiB (${MAX_PART_BYTES}), got ${partSizeBytes}`);
  }
  resolveImsConfig(opts.ims); // validated up front too (it throws on a bad client id, redirect URI or lifetime)
  const publicOrigin = checkStoragePublicUrl(opts);
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ferry-sandbox-')));
  const held = new SandboxResources(dataDir, opts.dataDir === undefined, opts.log ?? (() => undefined));
  try {
    return await start(opts, internals, held, { urlExpiresS, publicOrigin });
  } catch (err) {
    await held.release();
    throw err;
  }
}

function checkUrlExpires(value: number): number {
  if (!Number.isInteger(value)) throw new Error('urlExpiresS must be a whole number of seconds');
  if (value < 1 || value > MAX_URL_EXPIRES_S) {
    throw new Error(`urlExpiresS must be between 1 and ${MAX_URL_EXPIRES_S} seconds (the SigV4 maximum)`);
  }
  return value;
}

/**
 * storagePublicUrl must be a bare http(s) origin: the local server reads the bucket from the first path
 * segment, so a path prefix would break every URL. External S3 has its own endpoint, so it is refused there.
 */
function checkStoragePublicUrl(opts: SandboxOptions): string | undefined {
  const raw = opts.storagePublicUrl;
  if (raw === undefined) return undefined;
  if (opts.s3) throw new Error('storagePublicUrl applies to local storage only, not with s3');
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new Error(`storagePublicUrl must be an http(s) origin such as http://127.0.0.1:9000, got ${raw}`);
  }
  return url.origin;
}

interface CheckedOptions {
  urlExpiresS: number;
  publicOrigin: string | undefined;
}

async function start(opts: SandboxOptions, internals: SandboxInternals, held: SandboxResources, checked: CheckedOptions): Promise<Sandbox> {
  const { urlExpiresS, publicOrigin } = checked;
  const log = opts.log ?? (() => undefined);
  const { dataDir } = held;
  // Private, like the journal: the folder holds the demo token, the S3 secret, the HMAC keys and the uploaded bytes. A
  // folder an older sandbox made at 0755 is tightened too; any other existing folder is left as its owner set it.
  const made = await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (made === undefined && existsSync(join(dataDir, STATE_FILE))) await chmod(dataDir, 0o700);
  // Locked before reset, so a reset cannot wipe the state of a sandbox that is still running.
  held.lock = await lockDataDir(dataDir);
  if (opts.reset) await clearDataDir(dataDir);
  const remembered = opts.rememberPorts ? readPorts(dataDir) : undefined;

  let store = Store.load(dataDir);
  let seedFiles: SeedFile[] = [];
  if (!store) {
    const seeded = seedState(opts.token, opts.legacyToken);
    store = Store.create(dataDir, seeded.state);
    seedFiles = seeded.files;
  } else {
    if (opts.token !== undefined && opts.token !== store.state.token) store.state.token = opts.token;
    if (opts.legacyToken !== undefined && opts.legacyToken !== store.state.legacyToken) store.state.legacyToken = opts.legacyToken;
    store.save();
  }
  held.store = store;
  const faults = new FaultController(opts.faults);
  // The storage server starts before the API context exists; its callback reaches the context through this.
  const ref: { ctx?: ApiContext } = {};

  let parts: PartStore;
  let s3Creds: S3Credentials;
  let signFor: string | undefined; // external S3 reached through a proxy: part URLs name the proxy
  // Where storage listens; the presigner (s3Creds.endpoint) may sign for a public origin in front of it.
  let listenUrl: string;
  if (opts.s3) {
    s3Creds = { endpoint: opts.s3.endpoint.replace(/\/+$/, ''), accessKey: opts.s3.accessKey, secretKey: opts.s3.secretKey, region: opts.s3.region ?? DEFAULT_REGION };
    const client = await createS3Client(s3Creds);
    held.clients.push(client);
    const external = await S3PartStore.open(client, s3Creds.endpoint, opts.s3.bucket ?? DEFAULT_EXTERNAL_BUCKET);
    await external.ensureBucket();
    parts = external;
    listenUrl = s3Creds.endpoint;
    signFor = opts.s3.publicEndpoint?.replace(/\/+$/, '');
  } else {
    const local = await startLocalStorage({
      dataDir,
      port: opts.storagePort ?? remembered?.storage ?? 0,
      portFallback: opts.storagePort === undefined,
      state: store.state,
      region: DEFAULT_REGION,
      faults,
      log,
      bodyIdleTimeoutMs: internals.bodyIdleTimeoutMs ?? BODY_IDLE_TIMEOUT_MS,
      inFlight: held.inFlight,
      onServer: (server) => held.servers.push(server),
      onPartStored: async (assetId) => {
        const asset = ref.ctx?.store.asset(assetId);
        if (ref.ctx && asset) await refreshCompletion(ref.ctx, asset);
      },
    });
    parts = local.parts;
    listenUrl = local.endpoint;
    // The storage server checks signatures against the Host it receives, so signing for the public origin is
    // all it takes for uploads through a proxy there to verify.
    s3Creds = { endpoint: publicOrigin ?? local.endpoint, accessKey: store.state.s3AccessKey, secretKey: store.state.s3SecretKey, region: DEFAULT_REGION };
  }

  const checksums = new ChecksumJobs({ store, parts, inFlight: held.inFlight, shutdown: held.shutdown, log });
  const ctx: ApiContext = {
    store,
    parts,
    partUrls: new PartUrlSigner(signFor ? { ...s3Creds, endpoint: signFor } : s3Creds),
    faults,
    ims: createIms(store, opts.ims, internals.now ?? Date.now),
    limiter: new RateLimiter(limitRules(opts.limits ?? 'generous', opts.rateLimits)),
    checksums,
    partSizeBytes: opts.partSizeBytes ?? DEFAULT_PART_SIZE_BYTES,
    partPlan: opts.partPlan ?? 'even',
    partRandom: createPrng(opts.partPlanSeed ?? 1),
    completionLagMs: opts.completionLagMs ?? 0,
    lagTimers: new KeyedTimers(held.shutdown.signal),
    urlExpiresS,
    remoteImportMaxBytes: internals.remoteImportMaxBytes ?? REMOTE_IMPORT_MAX_BYTES,
    importSlots: new Slots(REMOTE_IMPORTS_AT_ONCE),
    checkCompletionOnRead: opts.s3 !== undefined,
    apiOrigin: '',
    inFlight: held.inFlight,
    shutdown: held.shutdown,
    log,
  };
  ref.ctx = ctx;
  internals.onContext?.(ctx);
  await storeSeedFiles(parts, dataDir, seedFiles);
  checksums.backfill();
  if (!ctx.checkCompletionOnRead) held.inFlight.add(recheckCompletion(ctx));

  const api = createApiServer(ctx);
  held.servers.push(api);
  const apiPort = await listenOn(api, opts.port ?? remembered?.api ?? 0, opts.port === undefined, 'API port');
  ctx.apiOrigin = `http://127.0.0.1:${apiPort}`;
  if (opts.rememberPorts) writePorts(dataDir, opts.s3 ? { api: apiPort } : { api: apiPort, storage: Number(new URL(listenUrl).port) });
  const root = store.state.projects.find((p) => p.name === 'Demo Project');
  const state = store.state;
  const second = secondAccount(state);
  const secondRoot = state.projects.find((p) => p.ownerAccountId === second?.id);

  return {
    id: state.sandboxId,
    apiUrl: `${ctx.apiOrigin}/v2`,
    apiV4Url: `${ctx.apiOrigin}/v4`,
    storageUrl: s3Creds.endpoint,
    storageListenUrl: listenUrl,
    // A getter: the token changes under rotateToken(), and callers holding the Sandbox must see the new one.
    get token() {
      return state.token;
    },
    get legacyToken() {
      return state.legacyToken;
    },
    accountId: state.user.accountId,
    rootAssetId: root?.rootAssetId ?? '',
    rootFolderId: root?.rootAssetId ?? '',
    secondAccountId: second?.id ?? '',
    secondRootFolderId: secondRoot?.rootAssetId ?? '',
    rotateToken: () => {
      state.token = newToken();
      store.save();
      return state.token;
    },
    imsUrl: ctx.apiOrigin,
    imsClientId: ctx.ims.config.clientId,
    imsRedirectUri: ctx.ims.config.redirectUri,
    revokeRefreshTokens: () => ctx.ims.grants.revokeRefreshTokens(),
    expireAccessTokens: () => ctx.ims.grants.expireAccessTokens(),
    setFaults: (f) => faults.set(f),
    stats: () => faults.stats(),
    close: () => held.release(),
  };
}

/**
 * Local mode notices completion when a part arrives; a file whose last part came in just before a stop (or during
 * a completion lag that close() cut short) is completed here.
 */
async function recheckCompletion(ctx: ApiContext): Promise<void> {
  for (const asset of Object.values(ctx.store.state.assets)) {
    if (asset.type === 'file' && asset.uploadCompletedAt === null && asset.partCount > 0 && !asset.source) await refreshCompletion(ctx, asset);
  }
}

/** reset: everything but our own lock goes, so the folder stays claimed while it is reseeded. */
async function clearDataDir(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (name !== LOCK_FILE) await rm(join(dataDir, name), { recursive: true, force: true });
  }
}

/** Seed files go through the same part storage as uploads, so `original` works in both modes. */
async function storeSeedFiles(parts: PartStore, dataDir: string, files: SeedFile[]): Promise<void> {
  for (const f of files) {
    const tmp = join(dataDir, `.seed-${f.assetId}`);
    await writeFile(tmp, f.bytes, { mode: 0o600 });
    await parts.putPartFromFile(f.assetId, 1, tmp);
    await rm(tmp, { force: true });
  }
}
