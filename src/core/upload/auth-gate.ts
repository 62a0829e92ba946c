// A 401 in the middle of a batch pauses the queue instead of failing every file: every API call made for the
// batch goes through here, and the first 401 asks for a new token (the app shows its sign-in; the CLI prompts on a
// terminal). Everyone waits for that one answer, then retries with the new token — or gives up together.
import { FrameioError } from '../frameio/errors';

/** Resolves with a new token, or null to give up (the batch stays journaled for `ferry resume`). */
export type TokenRequest = () => Promise<string | null>;

export class AuthGate {
  private pending: Promise<boolean> | null = null;
  /** Bumped on every new token: a 401 for a call sent with an older token is retried, not asked about again. */
  private generation = 0;

  constructor(
    private readonly requestToken: TokenRequest | null,
    private readonly applyToken: (token: string) => void,
  ) {}

  async call<T>(operation: () => Promise<T>): Promise<T> {
    for (;;) {
      const sentWith = this.generation;
      try {
        return await operation();
      } catch (error) {
        if (!(error instanceof FrameioError) || error.kind !== 'unauthorized') throw error;
        if (sentWith !== this.generation) continue; // already renewed since this call was sent: just retry
        if (!(await this.renew())) throw error;
      }
    }
  }

  private renew(): Promise<boolean> {
    if (!this.requestToken) return Promise.resolve(false);
    this.pending ??= this.requestToken()
      .then((token) => {
        if (!token) return false;
        this.applyToken(token);
        this.generation++;
        return true;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
