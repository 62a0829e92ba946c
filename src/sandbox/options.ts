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
  storageUrl: string;
  token: string;
  accountId: string;
  rootAssetId: string;
  setFaults(f: SandboxFaults): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}
