import { randomBytes } from 'node:crypto';

// What the IMS-like server persists in state.json (refresh tokens must survive a restart). Refresh tokens are kept
// only as SHA-256 hashes; access tokens are signed (jwt.ts) and not stored at all. Times are epoch milliseconds.

/** One sign-in: what the user allowed, for which client. Its refresh tokens rotate; revoking it ends them all. */
export interface ImsGrant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  createdAt: number;
  /** When the last access token issued under it expires (the grant is kept at least that long). */
  accessUntil: number;
  /** Set when the whole grant is revoked (a retired refresh token was used again): its access tokens stop too. */
  revokedAt: number | null;
}

export interface ImsRefreshRecord {
  grantId: string;
  issuedAt: number;
  expiresAt: number;
  /** Retired: it was exchanged for a new one. Using it again revokes the grant (OAuth 2.1 reuse detection). */
  usedAt: number | null;
  /** Revoked on its own (Sandbox.revokeRefreshTokens()); the grant's access tokens keep working. */
  revokedAt: number | null;
}

export interface ImsState {
  /** HMAC key of the access and id tokens. */
  secret: string;
  /** Access tokens carry the generation they were issued in; Sandbox.expireAccessTokens() moves it on. */
  accessGeneration: number;
  grants: Record<string, ImsGrant>;
  /** SHA-256 (hex) of the refresh token → its record. */
  refreshTokens: Record<string, ImsRefreshRecord>;
}

export function newImsState(): ImsState {
  return { secret: randomBytes(32).toString('base64url'), accessGeneration: 0, grants: {}, refreshTokens: {} };
}

/** Drops refresh tokens past their life, and grants with nothing left that could still be presented. */
export function pruneIms(state: ImsState, now: number): void {
  const live = new Set<string>();
  for (const [hash, rec] of Object.entries(state.refreshTokens)) {
    if (rec.expiresAt <= now) delete state.refreshTokens[hash];
    else live.add(rec.grantId);
  }
  for (const grant of Object.values(state.grants)) {
    if (!live.has(grant.id) && grant.accessUntil <= now) delete state.grants[grant.id];
  }
}
