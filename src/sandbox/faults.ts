import { createPrng } from './util/prng.js';
import type { SandboxFaults, SandboxStats } from './options.js';

export type PartFault = 'expireUrls' | 'put500' | 'put503' | 'putReset';

export interface PartFaultDecision {
  fault: PartFault | undefined;
  slowBytesPerSec: number | undefined;
}

const DEFAULT_SLOW_BYTES_PER_SEC = 256 * 1024;
const DEFAULT_RETRY_AFTER_S = 1;
const DEFAULT_SEED = 1;
const API_STREAM_SALT = 0x9e3779b9; // any constant: derives a second, independent stream from the seed
// Order matters for reproducibility: one draw per kind per request, always in this order.
const PART_FAULT_ORDER: readonly PartFault[] = ['expireUrls', 'put500', 'put503', 'putReset'];

/** Fault config + the seeded PRNG that decides it + the counters tests read back. */
export class FaultController {
  private faults: SandboxFaults = {};
  // Separate streams for part PUTs and API calls: API traffic (e.g. polling) must not shift the part sequence.
  private partRandom: () => number = createPrng(DEFAULT_SEED);
  private apiRandom: () => number = createPrng(DEFAULT_SEED ^ API_STREAM_SALT);
  private readonly counters: Omit<SandboxStats, 'partPuts'> = { assetsCreated: 0, partPutAttempts: 0, faultsInjected: {} };
  /**
   * assetId → successful PUTs of its part 1 (a number: most files have one part), or of each part (index
   * partNumber - 1). Kept for every file ever uploaded, so it is kept small: an object with a property per part cost
   * ~0.2 KB a file, 20 MB at 100,000 files.
   */
  private readonly partPuts = new Map<string, number | number[]>();

  constructor(initial: SandboxFaults | undefined) {
    this.set(initial ?? {});
  }

  /** Replaces the whole config and restarts the PRNG, so the same seed gives the same sequence again. */
  set(faults: SandboxFaults): void {
    this.faults = { ...faults };
    const seed = faults.seed ?? DEFAULT_SEED;
    this.partRandom = createPrng(seed);
    this.apiRandom = createPrng(seed ^ API_STREAM_SALT);
  }

  get config(): SandboxFaults {
    return { ...this.faults };
  }

  get retryAfterS(): number {
    return this.faults.retryAfterS ?? DEFAULT_RETRY_AFTER_S;
  }

  private roll(random: () => number, rate: number | undefined): boolean {
    // Always draw, even at rate 0, so enabling one fault does not shift another's sequence.
    const r = random();
    return rate !== undefined && rate > 0 && r < rate;
  }

  recordPartAttempt(): void {
    this.counters.partPutAttempts += 1;
  }

  decidePart(): PartFaultDecision {
    let fault: PartFault | undefined;
    for (const kind of PART_FAULT_ORDER) {
      if (this.roll(this.partRandom, this.faults[kind]) && fault === undefined) fault = kind;
    }
    const slow = this.roll(this.partRandom, this.faults.putSlow);
    if (fault) this.count(fault);
    if (slow && !fault) this.count('putSlow');
    return {
      fault,
      slowBytesPerSec: slow && !fault ? (this.faults.slowBytesPerSec ?? DEFAULT_SLOW_BYTES_PER_SEC) : undefined,
    };
  }

  decideApi429(): boolean {
    const hit = this.roll(this.apiRandom, this.faults.api429);
    if (hit) this.count('api429');
    return hit;
  }

  private count(kind: string): void {
    this.counters.faultsInjected[kind] = (this.counters.faultsInjected[kind] ?? 0) + 1;
  }

  recordAssetCreated(): void {
    this.counters.assetsCreated += 1;
  }

  recordPartPut(assetId: string, partNumber: number): void {
    const seen = this.partPuts.get(assetId);
    if (partNumber === 1 && (seen === undefined || typeof seen === 'number')) {
      this.partPuts.set(assetId, (seen ?? 0) + 1);
      return;
    }
    const counts = typeof seen === 'number' ? [seen] : (seen ?? []);
    counts[partNumber - 1] = (counts[partNumber - 1] ?? 0) + 1;
    this.partPuts.set(assetId, counts);
  }

  stats(): SandboxStats {
    const partPuts: SandboxStats['partPuts'] = {};
    for (const [assetId, counts] of this.partPuts) {
      const perPart: Record<number, number> = {};
      if (typeof counts === 'number') perPart[1] = counts;
      else counts.forEach((count, i) => (perPart[i + 1] = count)); // forEach skips the parts never PUT
      partPuts[assetId] = perPart;
    }
    return { ...structuredClone(this.counters), partPuts };
  }
}
