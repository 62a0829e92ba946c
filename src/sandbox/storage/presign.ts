import type { S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/protocol-http';
import { NodeSha256 } from '../util/sha256.js';
import { partKey } from './part-store.js';

export interface S3Credentials {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

/**
 * Path-style client: the sandbox's storage is addressed by IP, where virtual-host buckets cannot work. The SDK is
 * loaded here, on first use (external S3 only): in local mode the sandbox never needs it, and loading it cost ~20 MB
 * of the process's memory. A dynamic import of the package, which a bundle leaves as it is.
 */
export async function createS3Client(c: S3Credentials): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
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

/**
 * Presigns part URLs: the same URLs `getSignedUrl` makes for a PutObjectCommand (path style, `x-id=PutObject`,
 * UNSIGNED-PAYLOAD; a unit test compares them), without running the client's middleware stack for each one, which
 * made a 10,000-part create take about ten times longer.
 */
export class PartUrlSigner {
  private readonly presigner: S3RequestPresigner;
  private readonly endpoint: URL;

  constructor(creds: S3Credentials) {
    this.endpoint = new URL(creds.endpoint);
    this.presigner = new S3RequestPresigner({
      credentials: { accessKeyId: creds.accessKey, secretAccessKey: creds.secretKey },
      region: creds.region,
      sha256: NodeSha256,
    });
  }

  /** One presigned PutObject URL per part, in part order, all signed at the same moment. */
  async partUrls(bucket: string, assetId: string, partCount: number, contentType: string, expiresS: number, signingDate = new Date()): Promise<string[]> {
    const { protocol, hostname, port, host, origin } = this.endpoint;
    const base = this.endpoint.pathname.replace(/\/+$/, '');
    const urls: string[] = [];
    for (let n = 1; n <= partCount; n++) {
      const request = new HttpRequest({
        method: 'PUT', protocol, hostname, port: port ? Number(port) : undefined, path: `${base}/${bucket}/${partKey(assetId, n)}`,
        query: { 'x-id': 'PutObject' }, headers: { host, 'content-type': contentType, 'x-amz-acl': 'private' },
      });
      const signed = await this.presigner.presign(request, {
        expiresIn: expiresS, signingDate, signableHeaders: SIGNABLE_HEADERS, unhoistableHeaders: UNHOISTABLE_HEADERS,
      });
      urls.push(`${origin}${signed.path}?${queryString(signed.query ?? {})}`);
    }
    return urls;
  }
}

/** The query as the SDK formats it: keys sorted, RFC 3986 escaping. */
function queryString(query: Record<string, string | string[] | null>): string {
  const escape = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.keys(query)
    .sort()
    .map((k) => `${escape(k)}=${escape(String(query[k] ?? ''))}`)
    .join('&');
}
