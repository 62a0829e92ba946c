// Staying signed in with Adobe: the session's token renewer (net/credentials.ts) for an Adobe sign-in. It refreshes
// the access token with the refresh token, stores a rotated refresh token at once (the old one may already be
// dead), and when the refresh token is missing or refused, asks the person to sign in again — the calls waiting for
// a token wait for that — or gives up (null: the files stay unfinished, journaled, for a resume).
import { FrameioError } from '../frameio/errors';
import type { TokenRequest } from '../net/credentials';
import { ImsError, refreshTokens } from './ims-client';
import type { ImsConfig } from './ims-config';
import { type AdobeCredential, adobeCredential } from './stored-credential';

export interface AdobeRenewalOptions {
  config: ImsConfig;
  credential: AdobeCredential;
  /** Keep the new credential (the keychain): called before the new token is used. */
  save(credential: AdobeCredential): Promise<void>;
  /** The refresh token is missing or refused: sign in again; the new credential, or null when the person will not. */
  signInAgain?(reason: string): Promise<AdobeCredential | null>;
  now?: () => number;
}

export function adobeRenewer(options: AdobeRenewalOptions): TokenRequest {
  let credential = options.credential;
  return async () => {
    let reason = 'Adobe gave this sign-in no refresh token';
    if (credential.refreshToken) {
      try {
        const tokens = await refreshTokens(options.config, credential.refreshToken, options.now);
        credential = adobeCredential({ ...tokens, refreshToken: tokens.refreshToken ?? credential.refreshToken }, options.config);
        await options.save(credential);
        return { token: credential.accessToken, expiresAt: credential.expiresAt };
      } catch (error) {
        if (!(error instanceof ImsError)) throw error;
        if (error.kind === 'network' || error.kind === 'server') throw new FrameioError('network', `${error.message} Ferry tries again.`);
        reason = error.message;
      }
    }
    const again = (await options.signInAgain?.(reason)) ?? null;
    if (!again) return null;
    credential = again;
    return { token: again.accessToken, expiresAt: again.expiresAt };
  };
}
