// The bearer token of one session, until when it works, and the one way to get a new one. A token that is about to
// expire is renewed before a call goes (an Adobe access token lives 24 h: a long upload crosses that), and a 401 in
// the middle of a batch asks once: every call that needed a new token meanwhile waits for that one answer, then
// tries again — or gives up together. The renewer is whoever can: an Adobe refresh, the app's sign-in, the CLI's prompt.

/** A new token (with its expiry when known), or null to give up (the batch stays journaled for `ferry resume`). */
export type TokenRequest = () => Promise<string | { token: string; expiresAt: number | null } | null>;

/** Renew this long before the expiry (or a quarter of the token's lifetime, if shorter): a part PUT does not carry
 * the token, but the calls around it must not be refused halfway through a burst. */
export const RENEW_AHEAD_MS = 60_000;

export class Credentials {
  private current: string;
  private expiresAt: number | null = null;
  /** How long before the expiry this token is renewed. */
  private aheadMs = RENEW_AHEAD_MS;
  /** Bumped on every new token: a 401 for a call sent with an older token is retried, not asked about again. */
  private gen = 0;
  private renewer: TokenRequest | null = null;
  private pending: Promise<boolean> | null = null;

  constructor(
    token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.current = token;
  }

  get token(): string {
    return this.current;
  }

  get generation(): number {
    return this.gen;
  }

  /** Epoch ms when the current token stops working, when known. */
  get expiry(): number | null {
    return this.expiresAt;
  }

  /** Who to ask for a new token (null: nobody, a 401 stands). */
  setRenewer(renewer: TokenRequest | null): void {
    this.renewer = renewer;
  }

  /** A new token from outside (signing in again): later calls carry it, calls that got a 401 retry with it. */
  setToken(token: string, expiresAt: number | null = null): void {
    this.current = token;
    this.expiresAt = expiresAt;
    this.aheadMs = expiresAt === null ? RENEW_AHEAD_MS : Math.min(RENEW_AHEAD_MS, Math.max(0, expiresAt - this.now()) / 4);
    this.gen++;
  }

  /** The token to send now: renewed first when it expires within RENEW_AHEAD_MS and someone can renew it. */
  async fresh(): Promise<string> {
    if (this.expiresAt !== null && this.renewer && this.expiresAt - this.now() <= this.aheadMs) {
      // Early: a renewal that fails now (the sign-in server unreachable) leaves the current token, which may still work.
      await this.renew(this.gen).catch(() => false);
    }
    return this.current;
  }

  /** After a 401 for a call sent with token generation `sentWith`: true when a newer token is there to retry with. */
  renew(sentWith: number): Promise<boolean> {
    if (sentWith !== this.gen) return Promise.resolve(true); // already renewed since that call went out
    if (!this.renewer) return Promise.resolve(false);
    this.pending ??= this.renewer()
      .then((answer) => {
        if (!answer) return false;
        if (typeof answer === 'string') this.setToken(answer);
        else this.setToken(answer.token, answer.expiresAt);
        return true;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
