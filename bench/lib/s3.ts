// Bucket housekeeping on the bench's radosgw: create, total what is stored (to check each upload landed), empty.
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { RadosgwInfo } from './radosgw.js';

export class Buckets {
  readonly client: S3Client;

  constructor(info: RadosgwInfo) {
    this.client = new S3Client({
      endpoint: info.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: info.accessKey, secretAccessKey: info.secretKey },
    });
  }

  async ensure(bucket: string): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
    }
  }

  private async *objects(bucket: string): AsyncGenerator<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key !== undefined) yield { key: o.Key, size: o.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async usage(bucket: string): Promise<{ objects: number; bytes: number }> {
    let objects = 0;
    let bytes = 0;
    for await (const o of this.objects(bucket)) {
      objects += 1;
      bytes += o.size;
    }
    return { objects, bytes };
  }

  async empty(bucket: string): Promise<void> {
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      batch = [];
    };
    // Collect first: deleting while paging the same listing can skip keys.
    const keys: string[] = [];
    for await (const o of this.objects(bucket)) keys.push(o.key);
    for (const k of keys) {
      batch.push(k);
      if (batch.length === 1000) await flush();
    }
    await flush();
  }

  destroy(): void {
    this.client.destroy();
  }
}
