import { createHmac, timingSafeEqual } from 'node:crypto';

// Adobe's access tokens are JWTs (clients such as aio-lib-ims decode their payload), so the sandbox's are too:
// HS256 over the sandbox's own key. Nobody outside can verify them; they only need to be opaque and unforgeable.
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'ims-sandbox' })).toString('base64url');

function signature(secret: string, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest();
}

export function signJwt(secret: string, payload: Record<string, unknown>): string {
  const signed = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signed}.${signature(secret, signed).toString('base64url')}`;
}

/** The payload of a token this key signed, or undefined for anything else. */
export function verifyJwt(secret: string, token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const given = Buffer.from(parts[2] ?? '', 'base64url');
  const expected = signature(secret, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
