// Who the app is signed in as, as one tagged union keyed by `kind` (GitHub Desktop's SignInState): a client, a user
// and an engine session exist together or not at all, so "signed in without a user" or "connecting with a problem"
// cannot be written down. The window's AuthStatus is derived from it, and so are the sentences it shows.
import { FrameioError } from '../../core/frameio/errors';
import type { FrameioClient, User } from '../../core/frameio/types';
import type { AuthStatus } from '../../shared/ipc/schemas';
import type { EngineSession } from './engine-session';
import type { SandboxHandle } from './sandbox-lifecycle';

export interface SignedIn {
  kind: 'signedIn';
  apiUrl: string;
  client: FrameioClient;
  user: User;
  session: EngineSession;
  /** The in-process sandbox this session talks to ("Try the sandbox"), or null for a Frame.io account. */
  sandbox: SandboxHandle | null;
  /** Signed in with Adobe (the token renews itself), or with a pasted token (the sandbox's demo token included). */
  via: 'adobe' | 'token';
}

export type SignInState =
  | { kind: 'signedOut' }
  /** Start-up is signing in with the saved token (or opening the sandbox): nothing is live yet. */
  | { kind: 'connecting'; apiUrl: string }
  | SignedIn
  /** The saved token did not sign in: nothing is live, `message` says why, and `retryWhenOnline` says whether the
   * OS reporting the network back tries again (only when the network was the reason). */
  | { kind: 'problem'; apiUrl: string; message: string; retryWhenOnline: boolean };

export function statusOf(state: SignInState, keychainAvailable: boolean): AuthStatus {
  const out = { signedIn: false, user: null, sandbox: false, keychainAvailable, connecting: false, problem: null, signedInWith: null };
  switch (state.kind) {
    case 'signedOut':
      return { ...out, apiUrl: null };
    case 'connecting':
      return { ...out, apiUrl: state.apiUrl, connecting: true };
    case 'problem':
      return { ...out, apiUrl: state.apiUrl, problem: state.message };
    case 'signedIn': {
      const { id, name, email } = state.user;
      return { ...out, signedIn: true, apiUrl: state.apiUrl, user: { id, name, email }, sandbox: state.sandbox !== null, signedInWith: state.via };
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why the saved token did not sign in at start-up, in words, and whether the network coming back may fix it. */
export function restoreProblem(error: unknown, kind: 'adobe' | 'token' = 'token'): { message: string; retryWhenOnline: boolean } {
  if (error instanceof FrameioError && error.kind === 'network') {
    return { message: 'Could not reach Frame.io to sign you in. Ferry tries again when the network is back; your unfinished uploads are kept.', retryWhenOnline: true };
  }
  if (error instanceof FrameioError && error.kind === 'unauthorized' && kind === 'adobe') {
    return { message: 'Your Adobe sign-in has ended. Sign in with Adobe again; your unfinished uploads continue after that.', retryWhenOnline: false };
  }
  if (error instanceof FrameioError && error.kind === 'unauthorized') {
    return { message: 'Frame.io no longer accepts the saved token. Paste a new one to sign in; your unfinished uploads continue after that.', retryWhenOnline: false };
  }
  if (error instanceof KeychainError) return { message: error.message, retryWhenOnline: false };
  return { message: `Could not sign in with the saved token: ${messageOf(error)}`, retryWhenOnline: false };
}

/** The keychain would not read or keep a token. */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';
}

export const keychainError = (doing: string, cause: unknown) => new KeychainError(`The system keychain could not ${doing} (${messageOf(cause)}).`, { cause });

/** What a sign-in that failed tells the person: what went wrong, and that nothing changed. */
export function signInFailure(error: unknown, still: SignInState, kind: 'adobe' | 'token' = 'token'): Error {
  if (error instanceof FrameioError && error.kind === 'unauthorized' && kind === 'adobe') {
    return new Error(`Frame.io did not accept this Adobe sign-in (${error.message}). Nothing was changed.`, { cause: error });
  }
  if (error instanceof FrameioError && error.kind === 'unauthorized') return new Error('Frame.io rejected this token. Check it and try again.', { cause: error });
  if (error instanceof KeychainError) {
    const standing = still.kind === 'signedIn' ? 'You are still signed in as before.' : 'You are not signed in.';
    return new Error(`${error.message} The token was not saved, so Ferry did not switch to it. ${standing}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(messageOf(error));
}
