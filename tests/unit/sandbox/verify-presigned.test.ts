import { afterAll, describe, expect, it } from 'vitest';
import { createS3Client, presignPartUrls } from '../../../src/sandbox/storage/presign.js';
import { PresignedVerifier } from '../../../src/sandbox/storage/verify-presigned.js';
import { s3ErrorXml } from '../../../src/sandbox/storage/s3-xml.js';

const creds = { endpoint: 'http://127.0.0.1:9999', accessKey: 'AKTEST', secretKey: 'secret-test', region: 'us-east-1' };

describe('presigned PutObject URLs', () => {
  const client = createS3Client(creds);
  afterAll(() => client.destroy());

  async function signed(): Promise<{ url: URL; verifier: PresignedVerifier }> {
    const [u] = await presignPartUrls(client, 'bucket', 'asset-1', 1, 'video/mp4', 60);
    return { url: new URL(u ?? ''), verifier: new PresignedVerifier(creds.accessKey, creds.secretKey, creds.region) };
  }

  function input(url: URL, headers: Record<string, string>, now = new Date()) {
    return { method: 'PUT', path: url.pathname, query: url.searchParams, headers: { host: url.host, ...headers }, now };
  }

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
  const client = createS3Client(creds);
  afterAll(() => client.destroy());
  const verifier = new PresignedVerifier(creds.accessKey, creds.secretKey, creds.region);
  const good = { 'content-type': 'video/mp4', 'x-amz-acl': 'private' };

  async function check(edit: (q: URLSearchParams) => void): Promise<string | undefined> {
    const [u] = await presignPartUrls(client, 'bucket', 'asset-1', 1, 'video/mp4', 60);
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
