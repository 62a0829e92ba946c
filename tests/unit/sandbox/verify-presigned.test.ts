import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { createS3Client, PartUrlSigner } from '../../../src/sandbox/storage/presign.js';
import { PresignedVerifier } from '../../../src/sandbox/storage/verify-presigned.js';
import { s3ErrorXml } from '../../../src/sandbox/storage/s3-xml.js';

const creds = { endpoint: 'http://127.0.0.1:9999', accessKey: 'AKTEST', secretKey: 'secret-test', region: 'us-east-1' };

describe('presigned PutObject URLs', () => {
  const signer = new PartUrlSigner(creds);

  async function signed(): Promise<{ url: URL; verifier: PresignedVerifier }> {
    const [u] = await signer.partUrls('bucket', 'asset-1', 1, 'video/mp4', 60);
    return { url: new URL(u ?? ''), verifier: new PresignedVerifier(creds.accessKey, creds.secretKey, creds.region) };
  }

  function input(url: URL, headers: Record<string, string>, now = new Date()) {
    return { method: 'PUT', path: url.pathname, query: url.searchParams, headers: { host: url.host, ...headers }, now };
  }

  it('are the URLs that getSignedUrl of the SDK makes for PutObject, byte for byte (also under a path prefix)', async () => {
    const signingDate = new Date('2026-03-04T05:06:07Z');
    for (const endpoint of [creds.endpoint, 'https://s3.example.invalid', 'http://127.0.0.1:9999/prefix']) {
      const sdk = await createS3Client({ ...creds, endpoint });
      const ours = await new PartUrlSigner({ ...creds, endpoint }).partUrls('bucket', 'asset-1', 3, 'video/quicktime', 86_400, signingDate);
      const theirs = await Promise.all([1, 2, 3].map((n) => {
        const command = new PutObjectCommand({ Bucket: 'bucket', Key: `parts/asset-1/part_${n}`, ContentType: 'video/quicktime', ACL: 'private' });
        return getSignedUrl(sdk, command, { expiresIn: 86_400, signingDate, signableHeaders: new Set(['content-type', 'x-amz-acl']), unhoistableHeaders: new Set(['x-amz-acl']) });
      }));
      sdk.destroy();
      expect(ours).toEqual(theirs);
    }
  });

  it('signs content-type, host and x-amz-acl as headers', async () => {
    const { url } = await signed();
    expect(url.pathname).toBe('/bucket/parts/asset-1/part_1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-acl');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
  });

  it('verifies the exact request and rejects every deviation', async () => {
    const { url, verifier } = await signed();
    const good = { 'content-type': 'video/mp4', 'x-amz-acl': 'private' };
    expect(await verifier.verify(input(url, good))).toBeUndefined();
    expect((await verifier.verify(input(url, { ...good, 'content-type': 'video/mpeg' })))?.code).toBe('SignatureDoesNotMatch');
    expect((await verifier.verify({ ...input(url, good), headers: { host: 'evil:1', ...good } }))?.code).toBe('SignatureDoesNotMatch');
    const later = new Date(Date.now() + 61_000);
    expect(await verifier.verify(input(url, good, later))).toMatchObject({ code: 'AccessDenied', message: 'Request has expired' });
    const other = new PresignedVerifier('AKOTHER', creds.secretKey, creds.region);
    expect((await other.verify(input(url, good)))?.code).toBe('InvalidAccessKeyId');
    const wrongSecret = new PresignedVerifier(creds.accessKey, 'nope', creds.region);
    expect((await wrongSecret.verify(input(url, good)))?.code).toBe('SignatureDoesNotMatch');
    const noSig = new URL(url);
    noSig.searchParams.delete('X-Amz-Signature');
    expect((await verifier.verify(input(noSig, good)))?.code).toBe('AccessDenied');
  });
});

describe('X-Amz-Content-Sha256 is part of the signed query', () => {
  const signer = new PartUrlSigner(creds);
  const verifier = new PresignedVerifier(creds.accessKey, creds.secretKey, creds.region);
  const good = { 'content-type': 'video/mp4', 'x-amz-acl': 'private' };

  async function check(edit: (q: URLSearchParams) => void): Promise<string | undefined> {
    const [u] = await signer.partUrls('bucket', 'asset-1', 1, 'video/mp4', 60);
    const url = new URL(u ?? '');
    edit(url.searchParams);
    const failure = await verifier.verify({ method: 'PUT', path: url.pathname, query: url.searchParams, headers: { host: url.host, ...good }, now: new Date() });
    return failure?.code;
  }

  it('accepts it as issued', async () => {
    expect(await check((q) => expect(q.get('X-Amz-Content-Sha256')).toBe('UNSIGNED-PAYLOAD'))).toBeUndefined();
  });

  it('rejects a tampered, renamed or missing one', async () => {
    const emptySha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(await check((q) => q.set('X-Amz-Content-Sha256', emptySha))).toBe('SignatureDoesNotMatch');
    expect(await check((q) => q.set('X-Amz-Content-Sha256', 'unsigned-payload'))).toBe('SignatureDoesNotMatch');
    expect(
      await check((q) => {
        q.delete('X-Amz-Content-Sha256');
        q.set('x-amz-content-sha256', 'UNSIGNED-PAYLOAD');
      }),
    ).toBe('SignatureDoesNotMatch');
    expect(await check((q) => q.delete('X-Amz-Content-Sha256'))).toBe('SignatureDoesNotMatch');
  });
});

describe('s3ErrorXml', () => {
  it('has Code, Message, RequestId and HostId and escapes text', () => {
    const xml = s3ErrorXml('AccessDenied', 'a <b> & c');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>a &#60;b&#62; &#38; c<\/Message><RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
  });
});
