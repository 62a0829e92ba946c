// What the keychain keeps for one API: a token pasted by the person, or an Adobe sign-in (access token, refresh
// token, expiry, and which IMS app issued them) as one entry, so a refresh never leaves half a credential behind.
// A plain string (what earlier versions stored) reads as a pasted token.
import { z } from 'zod';
import type { ImsTokens } from './ims-client';

const adobe = z.object({
  kind: z.literal('adobe'),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number(),
  imsUrl: z.string().min(1),
  clientId: z.string().min(1),
});

export type AdobeCredential = z.infer<typeof adobe>;
export type StoredCredential = { kind: 'token'; token: string } | AdobeCredential;

export function parseStoredCredential(stored: string): StoredCredential | null {
  if (!stored.startsWith('{')) return stored.trim() ? { kind: 'token', token: stored } : null;
  try {
    const parsed = adobe.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function serializeCredential(credential: StoredCredential): string {
  return credential.kind === 'token' ? credential.token : JSON.stringify(credential);
}

export const adobeCredential = (tokens: ImsTokens, config: { imsUrl: string; clientId: string }): AdobeCredential => ({
  kind: 'adobe',
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  expiresAt: tokens.expiresAt,
  imsUrl: config.imsUrl,
  clientId: config.clientId,
});

/** The token to send and until when it works (null: not known, a pasted token). */
export const bearerOf = (credential: StoredCredential): { token: string; expiresAt: number | null } =>
  credential.kind === 'token' ? { token: credential.token, expiresAt: null } : { token: credential.accessToken, expiresAt: credential.expiresAt };
