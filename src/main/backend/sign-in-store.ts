// Sign-in as a store of one SignInState (sign-in-state.ts) and the transitions between its kinds: restore at launch
// (the saved token, or the sandbox when there is none), sign-in, sign-out, "Try the sandbox", and signing in again
// with the saved token when the network comes back. Every transition is announced (auth:changed).
//
// Signing in is a transaction: the new client is built and validated (GET /me), the token is written to the
// keychain, and only then does the state switch to the new session and the old one stop. A step that fails leaves
// the previous state as it was (its session still running) and the error says so; there is no half-signed-in state.
// Transitions run one at a time, in the order asked; close() does not wait for them: a transition still in flight
// when the app closes is dropped before it switches, whatever it had started is stopped.
//
// A credential is a pasted token or an Adobe sign-in (core/auth/stored-credential.ts), kept as one keychain entry
// per API. An Adobe-signed-in client carries the access token's expiry and a renewer (deps.adobe): refreshed ahead
// of expiry and once on a 401, the rotated credential saved at once, and a refused refresh asks to sign in again.
import { bearerOf, parseStoredCredential, serializeCredential, type StoredCredential } from '../../core/auth/stored-credential';
import type { FrameioClient } from '../../core/frameio/types';
import type { AuthStatus } from '../../shared/ipc/schemas';
import type { EngineSession } from './engine-session';
import type { SandboxHandle } from './sandbox-lifecycle';
import type { SignInDeps } from './sign-in-deps';
import { keychainError, KeychainError, restoreProblem, type SignedIn, signInFailure, type SignInState, statusOf } from './sign-in-state';

export type { AdobeHooks, AdobeSessionLink, ClientFactory, SignInDeps, TokenVault } from './sign-in-deps';

const CLOSING = 'Ferry is closing';

interface Target {
  apiUrl: string;
  credential: StoredCredential;
  /** Keep the credential in the keychain (a Frame.io account), or not (the sandbox's, or one read from it). */
  save: boolean;
  sandbox: SandboxHandle | null;
}

/** An Adobe-signed-in client's life: its session once switched to, and whether it still counts. */
interface Life {
  session: EngineSession | null;
  ended: boolean;
}

export class SignInStore {
  private state: SignInState = { kind: 'signedOut' };
  /** Bumped by close(): a transition begun before it does not switch after it. */
  private epoch = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private readonly lives = new WeakMap<FrameioClient, Life>();

  constructor(private readonly deps: SignInDeps) {}

  get current(): SignInState {
    return this.state;
  }

  status(): AuthStatus {
    const status = statusOf(this.state, this.deps.keychainAvailable);
    return this.deps.adobe ? { ...status, adobe: this.deps.adobe.status() } : status;
  }

  /** Tells the window where things stand (the Adobe part changed: an attempt, an error, a "sign in again"). */
  notify(): void {
    this.announce();
  }

  /** The live session, for a handler that needs one. */
  signedIn(): SignedIn {
    if (this.state.kind !== 'signedIn') throw new Error('not signed in');
    return this.state;
  }

  /** Start-up: the saved token for the first of `apiUrls` that has one (a saved token that fails stays a problem, not
   * hidden behind the sandbox), otherwise the sandbox (demo projects, nothing leaves the computer). "Connecting" is
   * the state at once, so a window asking meanwhile does not offer the sign-in form. */
  restoreOrSandbox(apiUrls: string | readonly string[]): Promise<AuthStatus> {
    const urls = typeof apiUrls === 'string' ? [apiUrls] : apiUrls;
    const [apiUrl = ''] = urls;
    if (this.queued === 0 && (this.state.kind === 'signedOut' || this.state.kind === 'problem')) this.set({ kind: 'connecting', apiUrl });
    return this.serial(async (epoch) => {
      if (this.state.kind === 'signedIn') return this.status();
      for (const url of urls) if (await this.restoreNow(url, epoch)) return this.status();
      if (epoch !== this.epoch) throw new Error(CLOSING);
      try {
        await this.useSandboxNow(epoch);
      } catch (error) {
        if (epoch !== this.epoch) throw error;
        this.set({ kind: 'problem', apiUrl, message: `Could not open the sandbox: ${error instanceof Error ? error.message : String(error)}`, retryWhenOnline: false });
      }
      return this.status();
    });
  }

  /** Signs in with the token saved for `apiUrl`, if any (start-up, or the network back after a failed start-up). */
  restore(apiUrl: string): Promise<AuthStatus> {
    return this.serial(async (epoch) => {
      if (this.state.kind !== 'signedIn') await this.restoreNow(apiUrl, epoch);
      return this.status();
    });
  }

  /** The OS says the network is back: a saved token that could not reach Frame.io tries again, once at a time. */
  networkBack(): void {
    const state = this.state;
    if (state.kind !== 'problem' || !state.retryWhenOnline || this.queued > 0) return;
    void this.restore(state.apiUrl).catch(() => undefined); // the outcome is announced; only closing rejects
  }

  /** A token the person pasted: validated, saved, then switched to (see the top of this file). */
  signIn(apiUrl: string, token: string): Promise<AuthStatus> {
    return this.signInWith(apiUrl, { kind: 'token', token }, null);
  }

  /** A credential (a pasted token, or a finished Adobe sign-in) for a Frame.io account — validated, saved, then
   * switched to — or for the sandbox `sandbox` (validated and switched to; never saved). */
  signInWith(apiUrl: string, credential: StoredCredential, sandbox: SandboxHandle | null): Promise<AuthStatus> {
    return this.serial(async (epoch) => {
      try {
        await this.switchTo({ apiUrl, credential, save: sandbox === null, sandbox }, epoch);
      } catch (error) {
        if (epoch === this.epoch) this.announce(); // whatever the window believed meanwhile, this is where things stand
        throw signInFailure(error, this.state, credential.kind);
      }
      return this.status();
    });
  }

  /** "Try the sandbox": a local sandbox signed in like an account; its demo token never goes to the keychain. */
  useSandbox(): Promise<AuthStatus> {
    return this.serial(async (epoch) => {
      try {
        await this.useSandboxNow(epoch);
      } catch (error) {
        if (epoch === this.epoch) this.announce();
        throw error;
      }
      return this.status();
    });
  }

  /** Stops the session (its batches stay journaled and continue at the next sign-in to that API), closes the
   * sandbox, and forgets the saved token: a signed-out app does not sign in again at the next launch. */
  signOut(): Promise<AuthStatus> {
    return this.serial(async () => {
      const previous = this.state;
      const forget = previous.kind === 'problem' || (previous.kind === 'signedIn' && !previous.sandbox) ? previous.apiUrl : null;
      this.set({ kind: 'signedOut' }, false);
      await this.release(previous, null);
      const failure = forget ? await this.deps.vault.delete(forget).then(() => null, (error: unknown) => error) : null;
      this.announce();
      if (failure) throw new Error(`${keychainError('forget the token', failure).message} You are signed out, but Ferry may sign in with it at the next launch.`);
      return this.status();
    });
  }

  /** Quitting: the session stops (its batches end journaled), the sandbox closes, the token stays saved. Nothing is
   * announced (the window is going away); a transition in flight is dropped before it switches. */
  async close(): Promise<void> {
    this.epoch++;
    const previous = this.state;
    this.state = { kind: 'signedOut' };
    await this.release(previous, null);
    await this.deps.sandboxes.close().catch(() => undefined);
  }

  /** Whether there was a saved token to try (the outcome is the state: signed in, or a problem saying why). */
  private async restoreNow(apiUrl: string, epoch: number): Promise<boolean> {
    let stored: string | null;
    try {
      stored = await this.deps.vault.get(apiUrl);
    } catch (error) {
      if (epoch === this.epoch) this.set({ kind: 'problem', apiUrl, ...restoreProblem(keychainError('read the saved token', error)) });
      return true;
    }
    if (!stored?.trim()) return false;
    const credential = parseStoredCredential(stored);
    if (!credential) {
      const unreadable = new KeychainError('The sign-in saved in the system keychain could not be read. Sign in again.');
      if (epoch === this.epoch) this.set({ kind: 'problem', apiUrl, ...restoreProblem(unreadable) });
      return true;
    }
    if (this.state.kind !== 'connecting' || this.state.apiUrl !== apiUrl) this.set({ kind: 'connecting', apiUrl });
    try {
      await this.switchTo({ apiUrl, credential, save: false, sandbox: null }, epoch);
    } catch (error) {
      if (epoch === this.epoch) this.set({ kind: 'problem', apiUrl, ...restoreProblem(error, credential.kind) });
    }
    return true;
  }

  private async useSandboxNow(epoch: number): Promise<void> {
    if (this.state.kind === 'signedIn' && this.state.sandbox) return; // already there
    const sandbox = await this.deps.sandboxes.open();
    try {
      await this.switchTo({ apiUrl: sandbox.apiUrl, credential: { kind: 'token', token: sandbox.token }, save: false, sandbox }, epoch);
    } catch (error) {
      const inUse = this.state.kind === 'signedIn' && this.state.sandbox === sandbox;
      if (!inUse) await this.deps.sandboxes.close(sandbox).catch(() => undefined);
      throw error;
    }
  }

  /** The one way into `signedIn`. Until the switch nothing has changed; from the switch on, nothing can fail. */
  private async switchTo(target: Target, epoch: number): Promise<void> {
    const { credential } = target;
    const client = this.deps.createClient(target.apiUrl, bearerOf(credential).token, this.deps.slowDown);
    const life: Life = { session: null, ended: false };
    if (credential.kind === 'adobe' && this.deps.adobe) {
      this.lives.set(client, life);
      // The expiry first: a token that expires during /me (a launch a day later) is refreshed before it goes.
      client.pacer.credentials.setToken(credential.accessToken, credential.expiresAt);
      client.pacer.credentials.setRenewer(
        this.deps.adobe.renewerFor({ apiUrl: target.apiUrl, client, credential, persist: target.sandbox === null, sandbox: target.sandbox, session: () => life.session, live: () => !life.ended }),
      );
    }
    let signedIn: SignedIn;
    try {
      const user = await client.me(); // a bad token, no network, a refused refresh: fails here
      if (epoch !== this.epoch) throw new Error(CLOSING);
      if (target.save) await this.deps.vault.set(target.apiUrl, serializeCredential(credential)).catch((error: unknown) => Promise.reject(keychainError('keep the token', error)));
      if (epoch !== this.epoch) throw new Error(CLOSING);
      signedIn = { kind: 'signedIn', apiUrl: target.apiUrl, client, user, session: this.deps.openSession(client, target.apiUrl), sandbox: target.sandbox, via: credential.kind === 'adobe' ? 'adobe' : 'token' };
    } catch (error) {
      life.ended = true; // nothing of an abandoned sign-in is saved later
      throw error;
    }
    const previous = this.state;
    const session = (life.session = signedIn.session);
    this.set(signedIn, false);
    // The old session stops before the new one resumes journaled batches: both may be for the same API, and one
    // batch must not run in two engines. Until then the new session is live but idle.
    await this.release(previous, target.sandbox);
    await session.resumeJournaled().catch(() => undefined); // an unreadable journal must not undo a sign-in
    if (epoch === this.epoch) this.announce(); // after the resume, so the window's first uploads:list has its rows
  }

  /** Stops what a state left running; never rejects. */
  private async release(previous: SignInState, keep: SandboxHandle | null): Promise<void> {
    if (previous.kind !== 'signedIn') return;
    const life = this.lives.get(previous.client);
    if (life) life.ended = true;
    this.deps.adobe?.sessionEnded(previous.client); // a "sign in again" it waits for is answered first: stop() waits on it
    await previous.session.stop();
    if (previous.sandbox && previous.sandbox !== keep) await this.deps.sandboxes.close(previous.sandbox).catch(() => undefined);
  }

  private set(next: SignInState, announce = true): void {
    this.state = next;
    if (announce) this.announce();
  }

  private announce(): void {
    this.deps.announce(this.status());
  }

  /** One transition at a time, in the order asked; one asked before close() does not run after it. */
  private serial<T>(transition: (epoch: number) => Promise<T>): Promise<T> {
    const epoch = this.epoch;
    this.queued++;
    const run = this.queue.then(async () => {
      try {
        if (epoch !== this.epoch) throw new Error(CLOSING);
        return await transition(epoch);
      } finally {
        this.queued--;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
