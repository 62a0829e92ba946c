// The sandbox's public option and stat shapes (re-exported by index.ts). Others code against these names.

export interface SandboxS3Options {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket?: string;
  region?: string;
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

export type RateLimitCategory = 'create' | 'read' | 'children' | 'other';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface SandboxOptions {
  port?: number;
  storagePort?: number;
  dataDir?: string;
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
  rateLimits?: Partial<Record<RateLimitCategory, RateLimitRule>>;
  faults?: SandboxFaults;
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
  apiUrl: string;
  /** The origin upload URLs point at: `storagePublicUrl` when set, else where storage listens. */
  storageUrl: string;
  /** Where the storage server really listens (local mode), or the external S3 endpoint. */
  storageListenUrl: string;
  /** The current demo token (changes with rotateToken()). */
  readonly token: string;
  accountId: string;
  rootAssetId: string;
  /**
   * Replaces the demo token with a new random one (persisted) and returns it: the old token now gets 401,
   * as a token revoked on Frame.io would mid-upload.
   */
  rotateToken(): string;
  setFaults(f: SandboxFaults): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}
