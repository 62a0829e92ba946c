import { randomBytes } from 'node:crypto';
import { CODE_LIFETIME_MS } from './config.js';
import { invalidGrant } from './http.js';

// What lives between the authorize page and the token exchange. Kept in memory only: a restart in the middle of a
// sign-in costs the user one more click, as an expired page would.

export interface AuthorizeRequest {
  clientId: string;
  /** As sent on authorize; undefined when the client left it out (the registered one was used). */
  redirectUri: string | undefined;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string;
}

interface Pending {
  request: AuthorizeRequest;
  expiresAt: number;
}

export interface IssuedCode extends AuthorizeRequest {
  userId: string;
  expiresAt: number;
}

// A page left open, or a code never exchanged, is forgotten after CODE_LIFETIME_MS; these caps bound a client that
// opens pages in a loop.
const MAX_OPEN = 1000;
/** Wrong verifiers (or client, or redirect) a code survives: a guessing client cannot keep trying forever. */
const MAX_FAILURES = 5;

const newSecret = (): string => randomBytes(32).toString('base64url');

export class SignIns {
  /** Form token (the page's one-time hidden field) → the authorize request it answers. */
  private readonly pages = new Map<string, Pending>();
  private readonly codes = new Map<string, IssuedCode & { failures: number }>();
  /** Codes already exchanged, until they would have expired: a second use says so instead of "unknown". */
  private readonly spent = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Pages, codes and spent codes kept (tests: what a client can make the server remember stays bounded). */
  get pending(): number {
    return this.pages.size + this.codes.size + this.spent.size;
  }

  /** Remembers a valid authorize request and returns the one-time token its page's form carries. */
  open(request: AuthorizeRequest): string {
    const now = this.now();
    prune(this.pages, now, (p) => p.expiresAt);
    const token = newSecret();
    this.pages.set(token, { request, expiresAt: now + CODE_LIFETIME_MS });
    return token;
  }

  /** The request a form token belongs to, once: the token is spent by this call. */
  take(formToken: string): AuthorizeRequest | undefined {
    const pending = this.pages.get(formToken);
    this.pages.delete(formToken);
    return pending && pending.expiresAt > this.now() ? pending.request : undefined;
  }

  issueCode(request: AuthorizeRequest, userId: string): string {
    const now = this.now();
    prune(this.codes, now, (c) => c.expiresAt);
    prune(this.spent, now, (expiresAt) => expiresAt);
    const code = newSecret();
    this.codes.set(code, { ...request, userId, expiresAt: now + CODE_LIFETIME_MS, failures: 0 });
    return code;
  }

  /**
   * Exchanges a code once. `check` throws an ImsError when the token request does not match the code (client,
   * redirect URI, PKCE verifier); the code then stays usable, up to MAX_FAILURES times.
   */
  redeem(code: string, check: (issued: IssuedCode) => void): IssuedCode {
    const issued = this.codes.get(code);
    const now = this.now();
    if (!issued) {
      throw invalidGrant((this.spent.get(code) ?? 0) > now ? 'the authorization code was already used' : 'unknown or expired authorization code');
    }
    if (issued.expiresAt <= now) {
      this.codes.delete(code);
      throw invalidGrant('the authorization code expired');
    }
    try {
      check(issued);
    } catch (err) {
      issued.failures += 1;
      if (issued.failures >= MAX_FAILURES) this.codes.delete(code);
      throw err;
    }
    this.codes.delete(code);
    this.spent.set(code, issued.expiresAt);
    return issued;
  }
}

/** Drops expired entries, then the oldest ones beyond MAX_OPEN (a Map iterates in insertion order). */
function prune<V>(map: Map<string, V>, now: number, expiry: (v: V) => number): void {
  for (const [key, value] of map) if (expiry(value) <= now) map.delete(key);
  for (const key of map.keys()) {
    if (map.size < MAX_OPEN) break;
    map.delete(key);
  }
}
