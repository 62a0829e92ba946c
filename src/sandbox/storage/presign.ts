import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { partKey } from './part-store.js';

export interface S3Credentials {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

/** Path-style client: the sandbox's storage is addressed by IP, where virtual-host buckets cannot work. */
export function createS3Client(c: S3Credentials): S3Client {
  return new S3Client({
    endpoint: c.endpoint,
    region: c.region,
    forcePathStyle: true,
    credentials: { accessKeyId: c.accessKey, secretAccessKey: c.secretKey },
    // Otherwise the SDK adds a CRC32 checksum of an empty body to every presigned URL.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

// Frame.io's URLs sign content-type and x-amz-acl as headers: X-Amz-SignedHeaders=content-type;host;x-amz-acl.
// The presigner would otherwise hoist x-amz-acl into the query and leave content-type unsigned.
const SIGNABLE_HEADERS = new Set(['content-type', 'x-amz-acl']);
const UNHOISTABLE_HEADERS = new Set(['x-amz-acl']);

/** One presigned PutObject URL per part, in part order. */
export async function presignPartUrls(
  client: S3Client,
  bucket: string,
  assetId: string,
  partCount: number,
  contentType: string,
  expiresS: number,
): Promise<string[]> {
  const urls: string[] = [];
  for (let n = 1; n <= partCount; n++) {
    const command = new PutObjectCommand({ Bucket: bucket, Key: partKey(assetId, n), ContentType: contentType, ACL: 'private' });
    urls.push(
      await getSignedUrl(client, command, {
        expiresIn: expiresS,
        signableHeaders: SIGNABLE_HEADERS,
        unhoistableHeaders: UNHOISTABLE_HEADERS,
      }),
    );
  }
  return urls;
}
