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

/**
 * Live sign-ins kept per client and user; a new one beyond it ends the oldest (Google does the same at 100 per
 * client and account). The sandbox's sign-in needs no password, so without a cap anyone who can reach the page
 * could grow state.json by one grant per click.
 */
export const MAX_GRANTS_PER_CLIENT = 100;
/** Retired refresh tokens kept per sign-in for reuse detection; an older one is simply unknown (invalid_grant). */
export const MAX_RETIRED_PER_GRANT = 10;

/** Applies the two caps above: oldest sign-ins first, then each sign-in's oldest retired refresh tokens. */
export function capIms(state: ImsState): void {
  const byOwner = new Map<string, ImsGrant[]>();
  for (const grant of Object.values(state.grants)) {
    const key = `${grant.clientId}\n${grant.userId}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), grant]);
  }
  const dropped = new Set<string>();
  for (const grants of byOwner.values()) {
    // A stable sort: grants made in the same millisecond stay in the order they were made.
    const oldestFirst = grants.sort((a, b) => a.createdAt - b.createdAt);
    for (const grant of oldestFirst.slice(0, Math.max(0, oldestFirst.length - MAX_GRANTS_PER_CLIENT))) {
      dropped.add(grant.id);
      delete state.grants[grant.id];
    }
  }
  const retired = new Map<string, [string, number][]>();
  for (const [hash, rec] of Object.entries(state.refreshTokens)) {
    if (dropped.has(rec.grantId)) delete state.refreshTokens[hash];
    else if (rec.usedAt !== null) retired.set(rec.grantId, [...(retired.get(rec.grantId) ?? []), [hash, rec.usedAt]]);
  }
  for (const list of retired.values()) {
    const oldestFirst = list.sort((a, b) => a[1] - b[1]);
    for (const [hash] of oldestFirst.slice(0, Math.max(0, oldestFirst.length - MAX_RETIRED_PER_GRANT))) delete state.refreshTokens[hash];
  }
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
