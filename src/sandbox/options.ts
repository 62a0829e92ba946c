// The sandbox's public option and stat shapes (re-exported by index.ts). Others code against these names.

export interface SandboxS3Options {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket?: string;
  region?: string;
  /**
   * The origin part URLs are signed for, when clients reach the S3 endpoint through a proxy (the bench's link
   * emulator); the sandbox's own S3 calls still go to `endpoint`. Default: `endpoint`.
   */
  publicEndpoint?: string;
}

/** Every rate is a probability 0..1, decided by a PRNG seeded with `seed`, so a run is reproducible. */
export interface SandboxFaults {
  seed?: number;
  put503?: number;
  put500?: number;
  putReset?: number;
  putSlow?: number;
  slowBytesPerSec?: number;
  api429?: number;
  retryAfterS?: number;
  expireUrls?: number;
}

/** V2's rate categories (frameio-api.md: asset create, asset read, children, everything else). */
export type V2RateCategory = 'create' | 'read' | 'children' | 'other';

/** V4 limits are per operation: the spec's operationId of each route the sandbox serves. */
export type V4Operation =
  | 'users.show' | 'accounts.index' | 'workspaces.index' | 'projects.index' | 'account_projects.index'
  | 'invited_projects.index' | 'projects.show' | 'folders.show' | 'folders.delete' | 'folders.index' | 'folders.list'
  | 'folders.create' | 'files.list' | 'files.create_local_upload' | 'files.create_remote_upload' | 'files.show'
  | 'files.delete' | 'files.show_file_upload_status' | 'files.move' | 'version_stacks.list' | 'version_stacks.create'
  | 'version_stacks.show' | 'version_stacks.index';

export type RateLimitCategory = V2RateCategory | V4Operation;

/**
 * How V4's local_upload splits a file (V2 always uses the ceil rule, which V2 clients compute themselves):
 * `even` — ceil(size / n) with a shorter last part (Frame.io's guide); `short-first` — a first part about half the
 * others, the rest even; `random` — unequal sizes from a PRNG seeded with `partPlanSeed`. All sum to the file size,
 * each part at least 1 byte; the part count follows `partSizeBytes` (at least 2 parts for unequal plans).
 */
export type PartPlan = 'even' | 'short-first' | 'random';

/** `generous` (default): 1000 per second for everything; `frameio`: the published limits per operation. */
export type LimitsMode = 'generous' | 'frameio';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/**
 * The sign-in server (`/ims/…` on the API origin, Adobe IMS's endpoints): the one registered client, a Native App
 * credential (PKCE, no secret), and token lifetimes. Defaults: `ferry-sandbox`, `adobe+ferrysandbox://callback`,
 * 86400 s (Adobe's 24 h) and 14 days.
 */
export interface SandboxImsOptions {
  clientId?: string;
  /** Matched exactly on authorize and token; any other is refused without a redirect. */
  redirectUri?: string;
  accessTokenLifetimeS?: number;
  refreshTokenLifetimeS?: number;
}

export interface SandboxOptions {
  port?: number;
  storagePort?: number;
  dataDir?: string;
  /**
   * Start on the ports this data folder's sandbox used last (kept in `ports.json` there) when they are free, else on
   * new ones. `port` and `storagePort`, when given, win and must be free. Makes the API URL and the part URLs of an
   * interrupted upload stable across restarts, as the journal needs.
   */
  rememberPorts?: boolean;
  reset?: boolean;
  token?: string;
  s3?: SandboxS3Options;
  /**
   * Local mode only: the origin (e.g. `http://127.0.0.1:PROXYPORT`) upload URLs are signed for, instead of
   * the storage server's own. Lets a test put a TCP proxy between client and storage (and unplug it to
   * simulate an outage): the proxy forwards bytes untouched, so the Host header the storage server verifies
   * is this origin.
   */
  storagePublicUrl?: string;
  partSizeBytes?: number;
  urlExpiresS?: number;
  /** Which rate table applies; `rateLimits` overrides single entries of it. */
  limits?: LimitsMode;
  rateLimits?: Partial<Record<RateLimitCategory, RateLimitRule>>;
  /** V4 local_upload's split (default `even`). */
  partPlan?: PartPlan;
  /** Seed of the `random` part plan (default 1). */
  partPlanSeed?: number;
  /** Time between the last part stored and the file showing as uploaded (V2 upload_completed_at, V4 status). */
  completionLagMs?: number;
  /** The legacy developer token to use (persisted; default: a random fio-u-… on first start). */
  legacyToken?: string;
  faults?: SandboxFaults;
  ims?: SandboxImsOptions;
  log?: (line: string) => void;
}

export interface SandboxStats {
  assetsCreated: number;
  /** assetId → partNumber → successful PUTs of that part. */
  partPuts: Record<string, Record<number, number>>;
  partPutAttempts: number;
  faultsInjected: Record<string, number>;
}

export interface Sandbox {
  /**
   * The identity of this sandbox's data folder (a UUID kept in its state): the same after a restart, whatever the
   * ports; a new one after `reset` or in another folder. Also at GET /_sandbox/identity.
   */
  readonly id: string;
  /** The V2 API: `http://127.0.0.1:PORT/v2`. */
  apiUrl: string;
  /** The V4 API on the same server: `http://127.0.0.1:PORT/v4`. */
  apiV4Url: string;
  /** The origin upload URLs point at: `storagePublicUrl` when set, else where storage listens. */
  storageUrl: string;
  /** Where the storage server really listens (local mode), or the external S3 endpoint. */
  storageListenUrl: string;
  /** The current demo token (changes with rotateToken()). */
  readonly token: string;
  /** A legacy developer token: V2 takes it as is, V4 only with `x-frameio-legacy-token-auth: true`. */
  readonly legacyToken: string;
  /** The user's first account (the demo account; V2's me.account_id). */
  accountId: string;
  /** The demo project's root asset (V2) — the same id as its root folder (V4). */
  rootAssetId: string;
  rootFolderId: string;
  /** The user's second account and the root folder of its project ("Second Project"). */
  secondAccountId: string;
  secondRootFolderId: string;
  /**
   * Replaces the demo token with a new random one (persisted) and returns it: the old token now gets 401,
   * as a token revoked on Frame.io would mid-upload.
   */
  rotateToken(): string;
  /** The sign-in server's base (the API origin): endpoints are `{imsUrl}/ims/authorize/v2` and `{imsUrl}/ims/token/v3`. */
  imsUrl: string;
  /** The registered client id and redirect URI (`ims.clientId`, `ims.redirectUri` or their defaults). */
  imsClientId: string;
  imsRedirectUri: string;
  /**
   * Revokes every refresh token issued so far (the sandbox has one user, the demo user): the next refresh answers
   * invalid_grant. Access tokens already issued keep working until they expire. Returns how many were live.
   */
  revokeRefreshTokens(): number;
  /** Every access token issued so far is expired from now on (401 on V2 and V4); refresh tokens still work. */
  expireAccessTokens(): void;
  setFaults(f: SandboxFaults): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}
