// A session signed in with Adobe. The client carries the access token and its expiry and renews it ahead of expiry
// and once after a 401 (core/auth/stored-sign-in: a rotated refresh token goes to the keychain at once). When the
// refresh token is missing or refused, the person signs in again: on a terminal, the moving files are paused and the
// progress view set aside while they paste a new sign-in, then everything continues; off a terminal there is nobody
// to ask, so the files stay unfinished (journaled) and the report says to `ferry login`, then `ferry resume`.
import type { ImsConfig } from '../core/auth/ims-config';
import type { TokenStore } from '../core/auth/keychain';
import { pausingWhileSigningIn } from '../core/auth/sign-in-again';
import type { AdobeCredential } from '../core/auth/stored-credential';
import { storedSignIn } from '../core/auth/stored-sign-in';
import type { FrameioClient } from '../core/frameio/types';
import type { UploadEngine } from '../core/upload/engine';
import { explain } from './cli-error';
import { pasteSignIn, terminalIo } from './paste-sign-in';

export interface AdobeSessionOptions {
  client: FrameioClient;
  store: TokenStore;
  /** The keychain entry's API URL. */
  apiUrl: string;
  credential: AdobeCredential;
  refreshConfig(credential: AdobeCredential): ImsConfig;
  /** Where to sign in again, or why that cannot be done here (no FERRY_IMS_* configuration). */
  signInConfig: ImsConfig | string;
  /** Someone to ask: a terminal, and not --json. */
  interactive: boolean;
  notify(line: string): void;
}

export interface ViewControl {
  suspend(): void;
  resume(): void;
}

export interface AdobeSession {
  /** The engine whose moving files pause while the person signs in again, and the view to set aside meanwhile. */
  attach(engine: UploadEngine, view: ViewControl | null): void;
  /** Why the sign-in ended with no new one (the files then wait for `ferry login` + `ferry resume`), or null. */
  ended(): string | null;
  /** When the access token in use stops working. */
  expiresAt(): number | null;
  /** Whether it renews by itself (there is a refresh token, and the sign-in has not ended). */
  refreshes(): boolean;
}

/** A reason said inside a sentence, in brackets: without its own full stop. */
const inSentence = (reason: string): string => reason.replace(/\.+$/, '');

export function adobeSession(options: AdobeSessionOptions): AdobeSession {
  const { client, credential, notify } = options;
  let engine: UploadEngine | null = null;
  let view: ViewControl | null = null;

  const ask = async (why: string): Promise<AdobeCredential | null> => {
    const reason = inSentence(why);
    if (!options.interactive) return null;
    if (typeof options.signInConfig === 'string') {
      notify(`Your Adobe sign-in must be renewed (${reason}), but cannot be here: ${options.signInConfig}`);
      return null;
    }
    view?.suspend();
    try {
      return await pasteSignIn(options.signInConfig, terminalIo(), {
        intro: `\nYour Adobe sign-in must be renewed (${reason}).${engine ? ' The uploads are paused meanwhile.' : ''} Sign in again in a browser:`,
        emptyAnswer: 'or press Enter to stop: the files stay for `ferry resume`',
      });
    } catch (error) {
      notify(`Not signed in: ${explain(error)}`);
      return null;
    } finally {
      view?.resume();
    }
  };

  const signIn = storedSignIn({
    store: options.store,
    apiUrl: options.apiUrl,
    credential,
    refreshConfig: options.refreshConfig,
    async signInAgain(reason) {
      const answer = engine ? await pausingWhileSigningIn(engine, ask)(reason) : await ask(reason);
      // No new sign-in: the held files go on, meet the 401 and stay unfinished (journaled), not paused for ever.
      if (!answer) engine?.resume();
      return answer;
    },
    onSaveFailed: (error) => notify(`⚠ The renewed Adobe sign-in could not be kept in the keychain (${explain(error)}): it works until this command ends.`),
  });
  client.pacer.credentials.setToken(credential.accessToken, credential.expiresAt);
  client.pacer.credentials.setRenewer(signIn.renew);

  return {
    attach(next, nextView) {
      engine = next;
      view = nextView;
    },
    ended: () => {
      const reason = signIn.ended();
      return reason === null ? null : inSentence(reason);
    },
    expiresAt: () => client.pacer.credentials.expiry,
    refreshes: () => signIn.current().refreshToken !== null && signIn.ended() === null,
  };
}
