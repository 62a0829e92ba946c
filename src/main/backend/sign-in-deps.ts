// What the sign-in store is given: where credentials live, how a client is made, the sandbox, the engine session for
// a client that signed in, how the window is told, and (for "Sign in with Adobe") the hooks that renew an Adobe
// sign-in and report on it (adobe-sign-in.ts). Types only, so the store and its hooks do not import each other.
import type { AdobeCredential } from '../../core/auth/stored-credential';
import type { FrameioClient } from '../../core/frameio/types';
import type { TokenRequest } from '../../core/net/credentials';
import type { AdobeStatus, AuthStatus } from '../../shared/ipc/schemas';
import type { EngineSession } from './engine-session';
import type { SandboxHandle, SandboxLifecycle } from './sandbox-lifecycle';

/** Where credentials live: the OS keychain, or (no keychain) memory for this session only. Never a file. One entry
 * per API: a pasted token, or an Adobe sign-in serialised (core/auth/stored-credential.ts). */
export interface TokenVault {
  get(apiUrl: string): Promise<string | null>;
  set(apiUrl: string, token: string): Promise<void>;
  delete(apiUrl: string): Promise<void>;
}

/** A client for one API and token; `onSlowDown` hears every wait Frame.io asked for (a 429). */
export type ClientFactory = (apiUrl: string, token: string, onSlowDown: (waitMs: number) => void) => FrameioClient;

/** An Adobe-signed-in client as the renewal sees it. */
export interface AdobeSessionLink {
  apiUrl: string;
  client: FrameioClient;
  credential: AdobeCredential;
  /** Keep renewed credentials in the keychain (a Frame.io account), or not (the sandbox's). */
  persist: boolean;
  /** The in-process sandbox whose sign-in server issued the credential, or null. */
  sandbox: SandboxHandle | null;
  /** The engine session once the client is signed in (null while /me is still being asked). */
  session(): EngineSession | null;
  /** False once the client is no longer in use (signed out, switched, abandoned): nothing of it is saved after. */
  live(): boolean;
}

export interface AdobeHooks {
  status(): AdobeStatus;
  /** The token renewer of an Adobe-signed-in client: refresh ahead of expiry and once on a 401, the rotated
   * credential saved at once, and when refused, the person asked to sign in again while its uploads wait paused. */
  renewerFor(link: AdobeSessionLink): TokenRequest;
  /** The client is no longer in use: a "sign in again" it waits for is answered with no. */
  sessionEnded(client: FrameioClient): void;
}

export interface SignInDeps {
  vault: TokenVault;
  keychainAvailable: boolean;
  createClient: ClientFactory;
  sandboxes: SandboxLifecycle;
  /** The engine session for a client that just signed in; nothing moves until it is given work. */
  openSession: (client: FrameioClient, apiUrl: string) => EngineSession;
  /** Told the status after every transition (auth:changed), and after a sign-in that changed nothing. */
  announce: (status: AuthStatus) => void;
  slowDown: (waitMs: number) => void;
  adobe?: AdobeHooks;
}
