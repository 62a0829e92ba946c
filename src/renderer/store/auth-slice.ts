// Who is signed in, and the sign-in actions. Errors are kept as the sentence to show, not as objects.
import type { AuthStatus } from '../../shared/ipc/schemas';
import type { SliceCreator } from './types';

export interface AuthSlice {
  auth: AuthStatus | null;
  authBusy: boolean;
  authError: string | null;
  loadAuth(): Promise<void>;
  /** `apiUrl`: the API to sign in to (main's default, V4, when none). */
  signIn(token: string, apiUrl?: string): Promise<void>;
  useSandbox(): Promise<void>;
  /** "Sign in with Adobe": main opens the browser; the outcome arrives as auth:changed (signed in, or adobe.error).
   * `sandbox`: the local sandbox's own sign-in page (no Adobe account needed). */
  adobeSignIn(options?: { sandbox?: boolean; apiUrl?: string }): Promise<void>;
  /** Stop waiting for the browser (or say no to signing in again: the paused uploads stay paused). */
  adobeCancel(): Promise<void>;
  signOut(): Promise<void>;
  setAuth(status: AuthStatus): void;
  /** Main pushed the status (auth:changed): it is the newest word, and an answer to a call made before it is stale. */
  authChanged(status: AuthStatus): void;
}

/** Turns what main answered into something a person can act on. */
export function describeSignInError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/rejected this token|unauthori[sz]ed|401/i.test(message)) return 'Frame.io rejected this token. Check that you copied all of it, and that it has not been revoked.';
  if (/ENOTFOUND|ECONNREFUSED|EAI_AGAIN|network|offline|ETIMEDOUT/i.test(message)) return 'Could not reach Frame.io. Check your internet connection and try again.';
  if (/keychain|keyring|secret service/i.test(message)) return 'The system keychain could not save the token, so Ferry did not sign you in with it (anything signed in before stays as it was). Unlock the keychain and try again.';
  return message;
}

export const createAuthSlice: SliceCreator<AuthSlice> = (set, get, api) => {
  // Main announces every transition; an answer can still arrive after a push that came later (the start-up status
  // read before a sign-in that finished first): it must not take the window back to the older state.
  let pushes = 0;
  const run = async (action: () => Promise<AuthStatus>) => {
    set({ authBusy: true, authError: null });
    const before = pushes;
    try {
      const status = await action();
      if (pushes === before) get().setAuth(status);
    } catch (error) {
      set({ authError: describeSignInError(error) });
    } finally {
      set({ authBusy: false });
    }
  };
  return {
    auth: null,
    authBusy: false,
    authError: null,
    loadAuth: () => run(() => api.auth.status({})),
    signIn: (token, apiUrl) => run(() => api.auth.signIn({ token: token.trim(), ...(apiUrl ? { apiUrl } : {}) })),
    useSandbox: () => run(() => api.auth.useSandbox({})),
    adobeSignIn: async (options = {}) => {
      set({ authError: null });
      try {
        await api.auth.adobeSignIn({ ...(options.sandbox ? { sandbox: true } : {}), ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) });
      } catch (error) {
        set({ authError: describeSignInError(error) });
      }
    },
    adobeCancel: () => run(() => api.auth.adobeCancel({})),
    signOut: () => run(() => api.auth.signOut({})),
    authChanged: (status) => {
      pushes++;
      get().setAuth(status);
    },
    setAuth: (status) => {
      const was = get().auth;
      set({ auth: status });
      const newSession = was?.apiUrl !== status.apiUrl || was?.user?.id !== status.user?.id || was?.signedIn !== status.signedIn;
      if (!newSession) return;
      // A different session means a different tree and a different queue: start both afresh.
      if (was) {
        get().resetUploads();
        void get().loadUploads().catch(() => undefined);
      }
      if (status.signedIn) void get().loadRoots();
      else get().resetBrowse();
    },
  };
};
