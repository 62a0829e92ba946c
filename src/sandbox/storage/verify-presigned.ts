import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../util/sha256.js';

export type VerifyFailure =
  | { status: 400; code: 'InvalidArgument'; message: string }
  | { status: 403; code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId'; message: string };

export interface VerifyInput {
  method: string;
  /** Raw path as sent (still percent-encoded), without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  now: Date;
}

// Query parameters the signer itself writes; everything else in the query was part of the signed request.
// X-Amz-Content-Sha256 is not among them: S3 signs it like any other parameter, so tampering must fail.
const AUTH_PARAMS = new Set([
  'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires',
  'x-amz-signedheaders', 'x-amz-signature', 'x-amz-security-token',
]);
const CONTENT_SHA256 = 'x-amz-content-sha256';
// What S3 uses as the payload hash of a presigned request that does not name one.
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const MAX_EXPIRES_S = 604_800; // SigV4 limit: one week

/**
 * Checks a presigned S3 request the way S3 does, by re-signing it with @smithy's maintained SigV4 code
 * (the signer under the S3RequestPresigner that issued it) and comparing signatures in constant time.
 * The signer is used directly because the presigner forces X-Amz-Content-Sha256=UNSIGNED-PAYLOAD into the
 * query, which would hide a tampered value.
 */
export class PresignedVerifier {
  private readonly signer: SignatureV4;

  constructor(
    private readonly accessKey: string,
    secretKey: string,
    region: string,
  ) {
    this.signer = new SignatureV4({
      credentials: { accessKeyId: accessKey, secretAccessKey: secretKey },
      region,
      sha256: NodeSha256,
      service: 's3',
      // S3 signs the path as sent, without the second encoding other services use.
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  async verify(input: VerifyInput): Promise<VerifyFailure | undefined> {
    const { headers, query } = input;
    if (headers.authorization !== undefined) {
      return { status: 400, code: 'InvalidArgument', message: 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified' };
    }
    const q = lowerKeys(query);
    const signature = q.get('x-amz-signature');
    const credential = q.get('x-amz-credential');
    const amzDate = q.get('x-amz-date');
    const expires = Number(q.get('x-amz-expires'));
    const signedHeaders = q.get('x-amz-signedheaders');
    if (q.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256' || !signature || !credential || !amzDate || !signedHeaders) {
      return { status: 403, code: 'AccessDenied', message: 'Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.' };
    }
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate || !Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_S) {
      return { status: 403, code: 'AccessDenied', message: 'X-Amz-Date or X-Amz-Expires is malformed' };
    }
    if (input.now.getTime() > signingDate.getTime() + expires * 1000) {
      return { status: 403, code: 'AccessDenied', message: 'Request has expired' };
    }
    if (credential.split('/')[0] !== this.accessKey) {
      return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
    }
    const signed = signedHeaders.split(';');
    const unsignedAmz = Object.keys(headers).filter((h) => h.startsWith('x-amz-') && !signed.includes(h));
    if (unsignedAmz.length > 0) {
      return { status: 403, code: 'AccessDenied', message: 'There were headers present in the request which were not signed' };
    }
    const expected = await this.resign(input, signed, signingDate, expires);
    const ok =
      expected['X-Amz-SignedHeaders'] === signedHeaders &&
      expected['X-Amz-Credential'] === credential &&
      safeEqual(String(expected['X-Amz-Signature']), signature);
    if (!ok) {
      return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' };
    }
    return undefined;
  }

  /** The query the signer writes for this request: its X-Amz-Signature is what the client must have. */
  private async resign(input: VerifyInput, signed: string[], signingDate: Date, expiresS: number): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {};
    for (const name of signed) {
      const value = input.headers[name];
      // A signed header the request lacks signs as empty and then mismatches, as on S3.
      headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
    }
    const query: Record<string, string> = {};
    for (const [key, value] of input.query) {
      if (!AUTH_PARAMS.has(key.toLowerCase())) query[key] = value;
    }
    const unhoistable = new Set(signed.filter((h) => h.startsWith('x-amz-')));
    const unsignable = new Set<string>();
    if (!signed.includes(CONTENT_SHA256)) {
      // The signer takes the payload hash from this header. Named in the query: hoist it back under the
      // name it has there, so the value the client sent is what gets signed. Absent: S3 hashes the payload
      // as UNSIGNED-PAYLOAD, and the header must stay out of both the query and the signed headers.
      const key = Object.keys(query).find((k) => k.toLowerCase() === CONTENT_SHA256);
      if (key !== undefined) {
        headers[key] = query[key] ?? '';
        delete query[key];
      } else {
        headers[CONTENT_SHA256] = UNSIGNED_PAYLOAD;
        unhoistable.add(CONTENT_SHA256);
        unsignable.add(CONTENT_SHA256);
      }
    }
    const request = new HttpRequest({ method: input.method, protocol: 'http:', hostname: 'unused', path: input.path, query, headers });
    const presigned = await this.signer.presign(request, {
      signingDate,
      expiresIn: expiresS,
      signableHeaders: new Set(signed),
      unsignableHeaders: unsignable,
      unhoistableHeaders: unhoistable,
    });
    return presigned.query ?? {};
  }
}

function lowerKeys(query: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of query) out.set(k.toLowerCase(), v);
  return out;
}

/** 20240101T120000Z → Date */
function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
