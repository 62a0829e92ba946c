// One sign-in through the browser for a client that gets the redirect back as text (the CLI's paste): the authorize
// URL to open, then the pasted redirect (or bare code) checked against this attempt's `state` and exchanged with its
// PKCE verifier. The verifier lives only in this closure: nothing outside can print, log or store it.
import { authorizeUrl, codeFromRedirect, exchangeCode } from './ims-client';
import type { ImsConfig } from './ims-config';
import { newPkceAttempt } from './pkce';
import { type AdobeCredential, adobeCredential } from './stored-credential';

export interface SignInAttempt {
  /** The Adobe page to open in a browser (it carries the state and the S256 challenge, never the verifier). */
  readonly url: string;
  /** The redirect (or code) checked and exchanged for tokens: the credential to keep. Throws ImsError. */
  finish(pasted: string): Promise<AdobeCredential>;
}

/** A new attempt: a fresh random state and verifier every time (issue: "Random `state` and verifier per attempt"). */
export function beginSignIn(config: ImsConfig, now: () => number = Date.now): SignInAttempt {
  const attempt = newPkceAttempt();
  return {
    url: authorizeUrl(config, attempt),
    async finish(pasted) {
      const code = codeFromRedirect(config, attempt, pasted);
      return adobeCredential(await exchangeCode(config, code, attempt.verifier, now), config);
    },
  };
}
