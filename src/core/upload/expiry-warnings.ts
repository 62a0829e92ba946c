// Which files cannot finish before their upload URLs expire, at the speed measured on earlier batches.
import { URL_LIFETIME_MS } from './engine-types';

/** Warn a little before the limit: speeds vary, and a file that needs 23 of the 24 hours is already a gamble. */
const SAFETY_FRACTION = 0.9;

export function expiryWarnings(files: ReadonlyArray<{ name: string; size: number }>, bytesPerSec: number | null | undefined): string[] {
  if (!bytesPerSec || bytesPerSec <= 0) return [];
  return files
    .filter((f) => (f.size / bytesPerSec) * 1000 > URL_LIFETIME_MS * SAFETY_FRACTION)
    .map(
      (f) =>
        `${f.name} needs about ${Math.round(f.size / bytesPerSec / 3600)} h at the last measured speed (${(bytesPerSec / 1e6).toFixed(1)} MB/s), ` +
        'longer than the 24 h its upload URLs stay valid: it will have to start over when they expire',
    );
}
