import type { ChecksumJobs } from '../checksums.js';
import type { FaultController } from '../faults.js';
import type { Ims } from '../ims/routes.js';
import type { PartPlan } from '../options.js';
import type { Store } from '../state/store.js';
import type { InFlight } from '../util/in-flight.js';
import type { Slots } from '../util/slots.js';
import type { KeyedTimers } from '../util/timers.js';
import type { PartStore } from '../storage/part-store.js';
import type { PartUrlSigner } from '../storage/presign.js';
import type { RateLimiter } from './rate-limit.js';

/** Everything a route needs, built once by startSandbox. */
export interface ApiContext {
  store: Store;
  parts: PartStore;
  /** Presigns part URLs against the storage's public origin (`storagePublicUrl`, else `parts.endpoint`). */
  partUrls: PartUrlSigner;
  faults: FaultController;
  /** The Adobe-IMS-like sign-in server under /ims/ and the tokens it issued. */
  ims: Ims;
  limiter: RateLimiter;
  /** Hashes files once they complete (`checksums.xx_hash`). */
  checksums: ChecksumJobs;
  partSizeBytes: number;
  /** How V4 local_upload splits a file, and the PRNG its `random` plan draws from. */
  partPlan: PartPlan;
  partRandom: () => number;
  /** Delay between all parts stored and the file complete; the pending ones live in `lagTimers`. */
  completionLagMs: number;
  lagTimers: KeyedTimers;
  urlExpiresS: number;
  /** The largest source a remote upload takes (REMOTE_IMPORT_MAX_BYTES outside tests). */
  remoteImportMaxBytes: number;
  /** Remote imports running at once (REMOTE_IMPORTS_AT_ONCE). */
  importSlots: Slots;
  /** External mode cannot see PUTs happen, so completion is checked whenever an asset is read. */
  checkCompletionOnRead: boolean;
  /** e.g. http://127.0.0.1:PORT (no /v2 or /v4); known once the API server listens. */
  apiOrigin: string;
  /** Request handlers and background jobs (remote imports) that close() must wait for or abort. */
  inFlight: InFlight;
  shutdown: AbortController;
  log: (line: string) => void;
}
