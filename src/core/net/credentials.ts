// The bearer token of one session, and the one way to get a new one. A 401 in the middle of a batch must not fail
// every file: the first 401 asks for a new token (the app's sign-in, the CLI's prompt, later a refresh token) and
// every call that got a 401 meanwhile waits for that one answer, then tries again — or gives up together.

/** Resolves with a new token, or null to give up (the batch stays journaled for `ferry resume`). */
export type TokenRequest = () => Promise<string | null>;

export class Credentials {
  private current: string;
  /** Bumped on every new token: a 401 for a call sent with an older token is retried, not asked about again. */
  private gen = 0;
  private renewer: TokenRequest | null = null;
  private pending: Promise<boolean> | null = null;

  constructor(token: string) {
    this.current = token;
  }

  get token(): string {
    return this.current;
  }

  get generation(): number {
    return this.gen;
  }

  /** Who to ask after a 401 (null: nobody, the 401 stands). */
  setRenewer(renewer: TokenRequest | null): void {
    this.renewer = renewer;
  }

  /** A new token from outside (signing in again): later calls carry it, calls that got a 401 retry with it. */
  setToken(token: string): void {
    this.current = token;
    this.gen++;
  }

  /** After a 401 for a call sent with token generation `sentWith`: true when a newer token is there to retry with. */
  renew(sentWith: number): Promise<boolean> {
    if (sentWith !== this.gen) return Promise.resolve(true); // already renewed since that call went out
    if (!this.renewer) return Promise.resolve(false);
    this.pending ??= this.renewer()
      .then((token) => {
        if (!token) return false;
        this.setToken(token);
        return true;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
