// "Sign in with Adobe" in the desktop app (issue 11): OAuth 2.0 Authorization Code + PKCE for an OAuth Native App.
// begin() makes an attempt (adobe-attempt.ts) and opens the system browser on its authorize page; the redirect comes
// back through the protocol handler (main.ts, os/sign-in-redirects.ts) — or, in the browser host, its redirect
// route — to the one function handleRedirect(), which takes it only for the pending attempt, exchanges the code and
// signs in (one keychain entry). It also renews Adobe-signed-in sessions (AdobeHooks): refreshed ahead of expiry and
// once on a 401 (core/auth/adobe-renewal.ts), the rotated credential saved at once; a refresh token that is missing
// or refused pauses the moving uploads and asks the window to sign in again; a sign-in as the same person then hands
// the new credential to the waiting session, and its uploads continue where they were.
import { adobeRenewer } from '../../core/auth/adobe-renewal';
import { exchangeCode, ImsError } from '../../core/auth/ims-client';
import type { ImsConfig } from '../../core/auth/ims-config';
import { pausingWhileSigningIn } from '../../core/auth/sign-in-again';
import { storedSignIn } from '../../core/auth/stored-sign-in';
import { type AdobeCredential, adobeCredential, serializeCredential, type StoredCredential } from '../../core/auth/stored-credential';
import { DEFAULT_API_URL } from '../../core/frameio/create-client';
import type { FrameioClient } from '../../core/frameio/types';
import type { TokenRequest } from '../../core/net/credentials';
import type { AdobeStatus, AuthStatus } from '../../shared/ipc/schemas';
import type { ImsSetup } from './adobe-config';
import { type Attempt, newAttempt } from './adobe-attempt';
import type { SandboxHandle } from './sandbox-lifecycle';
import type { AdobeHooks, AdobeSessionLink, ClientFactory, TokenVault } from './sign-in-deps';
import type { SignInState } from './sign-in-state';

export interface AdobeSignInDeps {
  /** The configured credential (environment, else settings), read afresh at every attempt. */
  setup(): ImsSetup;
  /** The in-process sandbox (started if need be), for its own sign-in server. */
  openSandbox(): Promise<SandboxHandle>;
  /** The system browser (Electron's shell.openExternal); a test or the browser host passes its own. */
  openExternal(url: string): Promise<void>;
  vault: TokenVault;
  createClient: ClientFactory;
  current(): SignInState;
  signInWith(apiUrl: string, credential: StoredCredential, sandbox: SandboxHandle | null): Promise<AuthStatus>;
  /** The Adobe part of the status changed: tell the window. */
  notify(): void;
  now?: () => number;
}

/** A session whose refresh was refused, waiting for the person to sign in again. */
interface Waiting {
  link: AdobeSessionLink;
  reason: string;
  paused: number;
  answer(credential: AdobeCredential | null): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const sandboxImsConfig = (sandbox: SandboxHandle): ImsConfig | null => (sandbox.ims ? { ...sandbox.ims } : null);

export class AdobeSignIn implements AdobeHooks {
  private attempt: Attempt | null = null;
  private finishing = false;
  private error: string | null = null;
  private waiting: Waiting | null = null;

  constructor(private readonly deps: AdobeSignInDeps) {}

  status(): AdobeStatus {
    const setup = this.deps.setup();
    const a = this.attempt;
    return {
      configured: setup.config !== null,
      configuredBy: setup.by,
      configProblem: setup.problem,
      waiting: a ? { host: a.host, sandbox: a.sandbox !== null, finishing: this.finishing } : null,
      error: this.error,
      signInAgain: this.waiting ? { reason: this.waiting.reason, paused: this.waiting.paused } : null,
    };
  }

  /** A new attempt (replacing any earlier one, whose redirect is refused from now on), and the browser opened on it.
   * A session waiting to sign in again signs in where it was; otherwise `sandbox` picks the in-process sandbox's
   * sign-in server, else the configured credential for `apiUrl` (default Frame.io V4). */
  async begin(request: { apiUrl?: string | undefined; sandbox?: boolean | undefined }): Promise<{ host: string }> {
    const attempt = await this.target(request);
    this.attempt = attempt;
    this.finishing = false;
    this.error = null;
    this.deps.notify();
    try {
      await this.deps.openExternal(attempt.url);
    } catch (error) {
      if (this.attempt === attempt) this.attempt = null;
      this.error = `Could not open the browser for the sign-in (${messageOf(error)}).`;
      this.deps.notify();
      throw new Error(this.error, { cause: error });
    }
    return { host: attempt.host };
  }

  /** Stops waiting for the browser, forgets the last error, and answers a "sign in again" with no: the paused
   * uploads stay paused (and journaled) until the next sign-in. */
  cancel(): void {
    this.attempt = null;
    this.finishing = false;
    this.error = null;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.answer(null);
    this.deps.notify();
  }

  /** The one way a sign-in comes back (protocol handler, second instance, macOS open-url, the browser host's route).
   * Never throws: the outcome is the status (signed in, or `adobe.error` saying why nothing changed). */
  async handleRedirect(url: string): Promise<void> {
    const attempt = this.attempt;
    if (!attempt) return this.fail('That sign-in was not started here, or was cancelled: nothing was changed. Start "Sign in with Adobe" again.');
    let code: string;
    try {
      code = attempt.codeFrom(url);
    } catch (error) {
      // A redirect for another attempt (a wrong state) leaves this one waiting; an answer for this one ends it.
      if (!(error instanceof ImsError && error.kind === 'mismatch')) this.attempt = null;
      return this.fail(messageOf(error));
    }
    this.finishing = true;
    this.deps.notify();
    try {
      const credential = adobeCredential(await exchangeCode(attempt.config, code, attempt.verifier(), this.deps.now), attempt.config);
      if (this.attempt !== attempt) return; // cancelled (or replaced) meanwhile: this sign-in is not wanted any more
      this.attempt = null;
      this.finishing = false;
      if (!(await this.answerWaiting(attempt, credential))) await this.deps.signInWith(attempt.apiUrl, credential, attempt.sandbox);
      this.error = null;
      this.deps.notify();
    } catch (error) {
      if (this.attempt === attempt) this.attempt = null;
      this.finishing = false;
      const why = messageOf(error);
      this.fail(error instanceof ImsError && error.kind === 'rejected' ? `${why} Nothing was changed: start the sign-in again.` : why);
    }
  }

  renewerFor(link: AdobeSessionLink): TokenRequest {
    const config = this.refreshConfig(link);
    const signInAgain = (reason: string): Promise<AdobeCredential | null> => {
      const session = link.session();
      if (!session || !link.live()) return Promise.resolve(null);
      return pausingWhileSigningIn(session.engine, (why) => this.askAgain(link, why))(reason);
    };
    if (!link.persist) {
      // The sandbox's sign-in: kept in memory only, renewed by this process alone.
      return adobeRenewer({ config, credential: link.credential, now: this.deps.now, save: async () => undefined, signInAgain });
    }
    // A keychain entry other processes may share (the CLI beside the app): before refreshing, adopt a credential one
    // of them stored since — presenting a retired refresh token would end the whole sign-in (decision 0022). The
    // rotated refresh token replaces the old one at once, while this session is the live one; a keychain that refuses
    // leaves this run working.
    const vault = this.deps.vault;
    const store = {
      get: (apiUrl: string) => vault.get(apiUrl),
      set: (apiUrl: string, value: string) => (link.live() ? vault.set(apiUrl, value) : Promise.resolve()),
    };
    const signIn = storedSignIn({ store, apiUrl: link.apiUrl, credential: link.credential, refreshConfig: () => config, signInAgain, onSaveFailed: () => undefined, ...(this.deps.now ? { now: this.deps.now } : {}) });
    return () => signIn.renew();
  }

  sessionEnded(client: FrameioClient): void {
    if (this.waiting?.link.client !== client) return;
    const waiting = this.waiting;
    this.waiting = null;
    waiting.answer(null);
    this.deps.notify();
  }

  private askAgain(link: AdobeSessionLink, reason: string): Promise<AdobeCredential | null> {
    this.waiting?.answer(null); // one at a time: an older wait (another session) gives up
    return new Promise((resolve) => {
      const paused = link.session()?.engine.files.filter((f) => f.status === 'paused').length ?? 0;
      this.waiting = { link, reason: `Your Adobe sign-in has ended (${reason.replace(/\.$/, '')}). Sign in with Adobe again: the paused uploads then continue.`, paused, answer: resolve };
      this.deps.notify();
    });
  }

  /** A new sign-in for the session that waits for one, as the same person: the credential goes to it (saved first),
   * and its paused uploads continue. Another person (or API) is an ordinary sign-in, which ends that session. */
  private async answerWaiting(attempt: Attempt, credential: AdobeCredential): Promise<boolean> {
    const waiting = this.waiting;
    if (!waiting || waiting.link.apiUrl !== attempt.apiUrl || !waiting.link.live()) return false;
    const state = this.deps.current();
    if (state.kind !== 'signedIn' || state.client !== waiting.link.client) return false;
    const me = await this.deps.createClient(attempt.apiUrl, credential.accessToken, () => undefined).me();
    if (me.id !== state.user.id) return false;
    if (waiting.link.persist) await this.deps.vault.set(attempt.apiUrl, serializeCredential(credential)).catch(() => undefined);
    this.waiting = null;
    waiting.answer(credential);
    return true;
  }

  private async target(request: { apiUrl?: string | undefined; sandbox?: boolean | undefined }): Promise<Attempt> {
    const again = this.waiting?.link;
    const current = this.deps.current();
    if (again && current.kind === 'signedIn' && current.client === again.client) {
      const config = this.refreshConfig(again);
      return newAttempt(config, again.apiUrl, current.sandbox);
    }
    if (request.sandbox) {
      const sandbox = await this.deps.openSandbox();
      const config = sandboxImsConfig(sandbox);
      if (!config) throw new Error('This sandbox has no sign-in server.');
      return newAttempt(config, sandbox.apiUrl, sandbox);
    }
    const setup = this.deps.setup();
    if (!setup.config) throw new Error(setup.problem ?? 'Sign in with Adobe is not set up: set the client id and redirect URI of your OAuth Native App credential (FERRY_IMS_CLIENT_ID and FERRY_IMS_REDIRECT_URI, or the settings).');
    return newAttempt(setup.config, request.apiUrl ?? DEFAULT_API_URL, null);
  }

  /** Where a session's credential is refreshed (and signed in again): the sandbox's server, or the configured one. */
  private refreshConfig(link: AdobeSessionLink): ImsConfig {
    const state = this.deps.current();
    const sandbox = link.sandbox ?? (state.kind === 'signedIn' && state.client === link.client ? state.sandbox : null);
    const fromSandbox = sandbox ? sandboxImsConfig(sandbox) : null;
    if (fromSandbox) return fromSandbox;
    const configured = this.deps.setup().config;
    const { imsUrl, clientId } = link.credential;
    return { imsUrl, clientId, redirectUri: configured?.redirectUri ?? '' };
  }

  private fail(message: string): void {
    this.error = message;
    this.deps.notify();
  }
}
