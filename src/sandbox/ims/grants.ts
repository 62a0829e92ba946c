import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../state/store.js';
import type { ImsConfig } from './config.js';
import { invalidGrant } from './http.js';
import { signJwt, verifyJwt } from './jwt.js';
import { capIms, pruneIms, type ImsGrant, type ImsState } from './state.js';

/** The token endpoint's answer, in Adobe's token/v3 shape (`expires_in` in seconds). */
export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  token_type: 'bearer';
  expires_in: number;
  id_token?: string;
}

/** What the API learns from a bearer token: not one of ours (undefined), good, expired, or revoked. */
export type AccessVerdict = 'valid' | 'expired' | 'revoked' | undefined;

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The persisted half of sign-in: grants, their rotating refresh tokens (hashed at rest) and the signed access tokens
 * they issue. `now` is the sandbox's clock (tests move it instead of sleeping).
 */
export class ImsGrants {
  constructor(
    private readonly store: Store,
    private readonly config: ImsConfig,
    private readonly now: () => number,
  ) {}

  private get ims(): ImsState {
    return this.store.state.ims;
  }

  /** A new sign-in (a code just exchanged): a grant and its first tokens. */
  start(clientId: string, userId: string, scopes: string[], issuer: string): TokenAnswer {
    const now = this.now();
    const grant: ImsGrant = { id: randomUUID(), clientId, userId, scopes, createdAt: now, accessUntil: now, revokedAt: null };
    this.ims.grants[grant.id] = grant;
    return this.issue(grant, issuer, scopes);
  }

  /**
   * Rotates a refresh token: the presented one is retired and a new one comes back with the access token. A retired
   * token presented again means two parties hold it, so the whole grant is revoked (OAuth 2.1 §4.3.1).
   */
  refresh(token: string, clientId: string, scopes: string[] | undefined, issuer: string): TokenAnswer {
    const now = this.now();
    const rec = this.ims.refreshTokens[hash(token)];
    const grant = rec && this.ims.grants[rec.grantId];
    if (!rec || !grant || rec.expiresAt <= now) throw invalidGrant('unknown or expired refresh token');
    if (grant.clientId !== clientId) throw invalidGrant('the refresh token was issued to another client');
    if (grant.revokedAt !== null || rec.revokedAt !== null) throw invalidGrant('the refresh token was revoked');
    if (rec.usedAt !== null) {
      grant.revokedAt = now;
      this.store.save();
      throw invalidGrant('the refresh token was already used; every token of this sign-in is now revoked');
    }
    const asked = scopes ?? grant.scopes;
    const extra = asked.find((s) => !grant.scopes.includes(s));
    if (extra !== undefined) throw invalidGrant(`scope ${extra} was not granted`);
    rec.usedAt = now;
    return this.issue(grant, issuer, asked);
  }

  private issue(grant: ImsGrant, issuer: string, scopes: string[]): TokenAnswer {
    const now = this.now();
    const lifeMs = this.config.accessTokenLifetimeS * 1000;
    grant.accessUntil = Math.max(grant.accessUntil, now + lifeMs);
    pruneIms(this.ims, now); // after accessUntil moved on: a new grant has nothing else to keep it
    // Adobe's access-token claims: created_at and expires_in are milliseconds, as strings.
    const access = signJwt(this.ims.secret, {
      id: randomUUID(), type: 'access_token', as: 'ims-sandbox', client_id: grant.clientId, user_id: grant.userId,
      scope: scopes.join(','), created_at: String(now), expires_in: String(lifeMs), grant: grant.id, gen: this.ims.accessGeneration,
    });
    const answer: TokenAnswer = { access_token: access, token_type: 'bearer', expires_in: this.config.accessTokenLifetimeS };
    if (scopes.includes('offline_access')) {
      const refresh = randomBytes(48).toString('base64url');
      this.ims.refreshTokens[hash(refresh)] = { grantId: grant.id, issuedAt: now, expiresAt: now + this.config.refreshTokenLifetimeS * 1000, usedAt: null, revokedAt: null };
      answer.refresh_token = refresh;
    }
    if (scopes.includes('openid')) answer.id_token = this.idToken(grant, issuer, scopes, now);
    capIms(this.ims);
    this.store.save();
    return answer;
  }

  private idToken(grant: ImsGrant, issuer: string, scopes: string[], now: number): string {
    const user = this.store.state.user;
    const iat = Math.floor(now / 1000);
    return signJwt(this.ims.secret, {
      iss: issuer, sub: grant.userId, aud: grant.clientId, iat, exp: iat + this.config.accessTokenLifetimeS, type: 'id_token',
      ...(scopes.includes('profile') ? { name: user.name } : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    });
  }

  /** Whether `token` is an access token this sandbox issued, and whether it still holds. */
  checkAccessToken(token: string): AccessVerdict {
    const claims = verifyJwt(this.ims.secret, token);
    if (!claims || claims.type !== 'access_token') return undefined;
    const expiresAt = Number(claims.created_at) + Number(claims.expires_in);
    if (!(expiresAt > this.now()) || Number(claims.gen) < this.ims.accessGeneration) return 'expired';
    const grant = this.ims.grants[String(claims.grant)];
    if (!grant || grant.revokedAt !== null || claims.user_id !== this.store.state.user.id) return 'revoked';
    return 'valid';
  }

  /**
   * RFC 7009 revocation (`/ims/revoke`): a refresh or access token of this client ends its whole grant, as Adobe's
   * invalidation of a refresh token takes the access tokens made with it along. Unknown tokens change nothing.
   */
  revoke(token: string, clientId: string): void {
    const rec = this.ims.refreshTokens[hash(token)];
    const claims = rec ? undefined : verifyJwt(this.ims.secret, token);
    const grant = this.ims.grants[rec?.grantId ?? String(claims?.grant)];
    if (grant && grant.clientId === clientId && grant.revokedAt === null) {
      grant.revokedAt = this.now();
      this.store.save();
    }
  }

  /** Revokes every live refresh token (the sandbox has one user); access tokens keep working until they expire. */
  revokeRefreshTokens(): number {
    const now = this.now();
    let n = 0;
    for (const rec of Object.values(this.ims.refreshTokens)) {
      if (rec.revokedAt === null && rec.usedAt === null && rec.expiresAt > now) n += 1;
      rec.revokedAt ??= now;
    }
    this.store.save();
    return n;
  }

  /** Every access token issued so far counts as expired from now on. */
  expireAccessTokens(): void {
    this.ims.accessGeneration += 1;
    this.store.save();
  }
}
