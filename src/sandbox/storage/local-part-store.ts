import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { PartStore } from './part-store.js';

/** Parts as files: <root>/<assetId>/part_<n>. Writes land in a temp name first and are renamed into place. */
export class LocalPartStore implements PartStore {
  endpoint = '';

  constructor(
    private readonly root: string,
    readonly bucket: string,
  ) {}

  partPath(assetId: string, partNumber: number): string {
    return join(this.root, assetId, `part_${partNumber}`);
  }

  /** The root folder, private (0700) even when an older sandbox made it 0755. */
  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await chmod(this.root, 0o700);
  }

  /** A new temp name in the asset's folder (0700); writers create it 0600. */
  async tempPath(assetId: string): Promise<string> {
    const dir = join(this.root, assetId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return join(dir, `.incoming-${process.hrtime.bigint()}-${Math.random().toString(36).slice(2)}`);
  }

  /** Atomic on one filesystem: a reader sees the old part or the new one, never half of one. */
  async commit(tempPath: string, assetId: string, partNumber: number): Promise<void> {
    await rename(tempPath, this.partPath(assetId, partNumber));
  }

  async partSizes(assetId: string): Promise<Map<number, number>> {
    const sizes = new Map<number, number>();
    let names: string[];
    try {
      names = await readdir(join(this.root, assetId));
    } catch {
      return sizes;
    }
    for (const name of names) {
      const m = /^part_(\d+)$/.exec(name);
      if (!m?.[1]) continue;
      const info = await stat(join(this.root, assetId, name));
      sizes.set(Number(m[1]), info.size);
    }
    return sizes;
  }

  readPart(assetId: string, partNumber: number): Promise<Readable> {
    return Promise.resolve(createReadStream(this.partPath(assetId, partNumber)));
  }

  async putPartFromFile(assetId: string, partNumber: number, filePath: string): Promise<void> {
    const tmp = await this.tempPath(assetId);
    await copyFile(filePath, tmp);
    await chmod(tmp, 0o600); // copyFile keeps the source's mode
    await this.commit(tmp, assetId, partNumber);
  }

  async deleteParts(assetId: string): Promise<void> {
    await rm(join(this.root, assetId), { recursive: true, force: true });
  }
}
