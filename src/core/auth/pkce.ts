// One sign-in attempt's secrets (RFC 7636, PKCE with S256): a random verifier kept here, its SHA-256 challenge sent
// to the authorize page, and a random `state` that the redirect must carry back. A new set for every attempt.
import { createHash, randomBytes } from 'node:crypto';

export interface PkceAttempt {
  /** 43–128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1): 64 random bytes, base64url. Never logged, never stored. */
  verifier: string;
  challenge: string;
  state: string;
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

export const challengeOf = (verifier: string): string => base64url(createHash('sha256').update(verifier, 'ascii').digest());

export function newPkceAttempt(): PkceAttempt {
  const verifier = base64url(randomBytes(64));
  return { verifier, challenge: challengeOf(verifier), state: base64url(randomBytes(24)) };
}
