import type { Readable } from 'node:stream';

/** Object key of one part: the same layout Frame.io's URLs show (`parts/<id>/part_<n>`). */
export function partKey(assetId: string, partNumber: number): string {
  return `parts/${assetId}/part_${partNumber}`;
}

const PART_KEY_RE = /^parts\/([A-Za-z0-9-]{1,64})\/part_([1-9][0-9]{0,5})$/;

export function parsePartKey(key: string): { assetId: string; partNumber: number } | undefined {
  const m = PART_KEY_RE.exec(key);
  if (!m?.[1] || !m[2]) return undefined;
  return { assetId: m[1], partNumber: Number(m[2]) };
}

/** Where part bytes live: the local folder (local mode) or an external S3 bucket. */
export interface PartStore {
  /** Where this process reaches the storage (local: where it listens); part URLs may be signed for a public origin instead. */
  readonly endpoint: string;
  readonly bucket: string;
  /** partNumber → stored byte length. */
  partSizes(assetId: string): Promise<Map<number, number>>;
  readPart(assetId: string, partNumber: number): Promise<Readable>;
  /** Store a part from a local file (seed data and remote imports; clients PUT through presigned URLs). */
  putPartFromFile(assetId: string, partNumber: number, filePath: string): Promise<void>;
  deleteParts(assetId: string): Promise<void>;
}
