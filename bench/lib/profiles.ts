// The link profiles and the physical bound of an upload over one.
import type { LinkSpec } from './link-proxy.js';

export type ProfileId = 'lan' | 'office' | 'far';

export interface Profile extends LinkSpec {
  id: ProfileId;
  /** the realistic profiles also run Ferry against Frame.io's published limits (`limits: 'frameio'`) */
  frameioLimits: boolean;
}

export const PROFILES: readonly Profile[] = [
  { id: 'lan', rttMs: 1, bitsPerS: 1e9, frameioLimits: false },
  { id: 'office', rttMs: 30, bitsPerS: 200e6, frameioLimits: true },
  { id: 'far', rttMs: 120, bitsPerS: 100e6, frameioLimits: true },
];

export function parseProfiles(list: string): Profile[] {
  return list.split(',').map((name) => {
    const p = PROFILES.find((x) => x.id === name.trim());
    if (!p) throw new Error(`unknown profile "${name}" (lan, office, far)`);
    return p;
  });
}

/** Asset creation under Frame.io's published limits: V2 asset create and V4 local_upload are both 5 per second. */
export const CREATE_PER_S = 5;
/** One file's round trips at the least: create, PUT, and the answer that it completed. */
export const FLOOR_ROUND_TRIPS = 3;

export interface Bound {
  /** bytes ÷ link rate */
  wireS: number;
  /** files ÷ create limit (0 without limits) */
  createS: number;
  /** the round trips of one create + PUT + complete */
  rttS: number;
  totalS: number;
}

/** max(bytes ÷ link rate, files ÷ create limit) + the RTT floor of one create + PUT + complete. */
export function physicalBound(p: LinkSpec, bytes: number, files: number, limited: boolean): Bound {
  const wireS = (bytes * 8) / p.bitsPerS;
  const createS = limited ? files / CREATE_PER_S : 0;
  const rttS = (FLOOR_ROUND_TRIPS * p.rttMs) / 1000;
  return { wireS, createS, rttS, totalS: Math.max(wireS, createS) + rttS };
}
