import type { S3Client } from '@aws-sdk/client-s3';
import type { ChecksumJobs } from '../checksums.js';
import type { FaultController } from '../faults.js';
import type { Store } from '../state/store.js';
import type { InFlight } from '../util/in-flight.js';
import type { PartStore } from '../storage/part-store.js';
import type { RateLimiter } from './rate-limit.js';

/** Everything a route needs, built once by startSandbox. */
export interface ApiContext {
  store: Store;
  parts: PartStore;
  /** Presigns part URLs against the storage's public origin (`storagePublicUrl`, else `parts.endpoint`). */
  s3: S3Client;
  faults: FaultController;
  limiter: RateLimiter;
  /** Hashes files once they complete (`checksums.xx_hash`). */
  checksums: ChecksumJobs;
  partSizeBytes: number;
  urlExpiresS: number;
  /** External mode cannot see PUTs happen, so completion is checked whenever an asset is read. */
  checkCompletionOnRead: boolean;
  /** e.g. http://127.0.0.1:PORT (no /v2); known once the API server listens. */
  apiOrigin: string;
  /** Request handlers and background jobs (remote imports) that close() must wait for or abort. */
  inFlight: InFlight;
  shutdown: AbortController;
  log: (line: string) => void;
}
