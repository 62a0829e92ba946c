import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type * as S3Module from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { partKey, parsePartKey, type PartStore } from './part-store.js';

type S3Sdk = typeof S3Module;

/** External mode: parts live in a real S3 bucket (CI: Ceph radosgw); completion is found by listing. */
export class S3PartStore implements PartStore {
  private constructor(
    private readonly sdk: S3Sdk,
    private readonly client: S3Client,
    readonly endpoint: string,
    readonly bucket: string,
  ) {}

  /** The SDK's commands are loaded here, with the store: local mode never loads them (see createS3Client). */
  static async open(client: S3Client, endpoint: string, bucket: string): Promise<S3PartStore> {
    return new S3PartStore(await import('@aws-sdk/client-s3'), client, endpoint, bucket);
  }

  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.bucket }));
    } catch {
      await this.client.send(new this.sdk.CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async partSizes(assetId: string): Promise<Map<number, number>> {
    const sizes = new Map<number, number>();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: `parts/${assetId}/`, ContinuationToken: token }),
      );
      for (const obj of page.Contents ?? []) {
        const parsed = obj.Key === undefined ? undefined : parsePartKey(obj.Key);
        if (parsed) sizes.set(parsed.partNumber, obj.Size ?? 0);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return sizes;
  }

  async readPart(assetId: string, partNumber: number): Promise<Readable> {
    const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: partKey(assetId, partNumber) }));
    if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
    return out.Body;
  }

  async putPartFromFile(assetId: string, partNumber: number, filePath: string): Promise<void> {
    const { size } = await stat(filePath);
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: partKey(assetId, partNumber),
        Body: createReadStream(filePath),
        ContentLength: size,
      }),
    );
  }

  async deleteParts(assetId: string): Promise<void> {
    const sizes = await this.partSizes(assetId);
    if (sizes.size === 0) return;
    const objects = [...sizes.keys()].map((n) => ({ Key: partKey(assetId, n) }));
    await this.client.send(new this.sdk.DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects } }));
  }
}
