// A 401 in the middle of a batch pauses the queue instead of failing every file: every API call made for the
// batch goes through here, and the first 401 asks for a new token (the app shows its sign-in; the CLI prompts on a
// terminal). Everyone waits for that one answer, then retries with the new token — or gives up together.
import { FrameioError } from '../frameio/errors';

/** Resolves with a new token, or null to give up (the batch stays journaled for `ferry resume`). */
export type TokenRequest = () => Promise<string | null>;

export class AuthGate {
  private pending: Promise<boolean> | null = null;

  constructor(
    private readonly requestToken: TokenRequest | null,
    private readonly applyToken: (token: string) => void,
  ) {}

  async call<T>(operation: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        if (!(error instanceof FrameioError) || error.kind !== 'unauthorized' || !(await this.renew())) throw error;
      }
    }
  }

  private renew(): Promise<boolean> {
    if (!this.requestToken) return Promise.resolve(false);
    this.pending ??= this.requestToken()
      .then((token) => {
        if (!token) return false;
        this.applyToken(token);
        return true;
      })
      .finally(() => {
        // Let a later 401 (say, the new token is also bad) ask again, but not the calls already waiting.
        setTimeout(() => (this.pending = null), 0);
      });
    return this.pending;
  }
}
