// The desktop app's backend in plain Node, put together from its parts: the sign-in store (one tagged state: signed
// out, connecting, signed in, problem; the token kept in the OS keychain and never sent to the renderer), the sandbox
// for people with no account, the settings, the engine session with its queue rows and pushed events, and the thin
// handlers that map the IPC contract onto them. Electron-only services (file dialogs, the file manager) come in as
// functions, so all of this runs in tests and in the browser test host without Electron.
import { createClient } from '../../core/frameio/create-client';
import type { Handlers } from '../ipc/register-handlers';
import type { AuthStatus, Settings, UploadRow } from '../../shared/ipc/schemas';
import type { Push } from './engine-events';
import { type ImsSetup, imsSetup, redirectSchemes } from './adobe-config';
import { AdobeSignIn } from './adobe-sign-in';
import { EngineSession } from './engine-session';
import { createHandlers, rowsOf } from './handlers';
import { LastApi } from './last-api';
import { PathGrants } from './path-grants';
import { SandboxLifecycle } from './sandbox-lifecycle';
import { SettingsStore } from './settings-store';
import { type ClientFactory, SignInStore, type TokenVault } from './sign-in-store';

export type { ClientFactory, TokenVault } from './sign-in-store';

export interface BackendDeps {
  vault: TokenVault;
  keychainAvailable: boolean;
  journalDir: string;
  sandboxDataDir: string;
  pickPaths: (kind: 'files' | 'folder') => Promise<string[]>;
  reveal: (path: string) => Promise<void>;
  push: Push;
  initialSettings?: Partial<Settings>;
  /** Where settings persist between launches (JSON); none: they last for this run. */
  settingsFile?: string;
  /** Where the API last signed in to is kept (JSON), so the next launch looks for its token first. */
  lastApiFile?: string;
  /** How a client is made for an API and a token (default: by the URL, V4 or V2); tests pass an in-memory Frame.io. */
  createClient?: ClientFactory;
  /** "Sign in with Adobe" opens its page here: the system browser (Electron's shell.openExternal); the browser host
   * and tests pass their own. None: that sign-in says it cannot open a browser. */
  openExternal?: (url: string) => Promise<void>;
  /** Where FERRY_IMS_CLIENT_ID, FERRY_IMS_REDIRECT_URI and FERRY_IMS_URL are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export const defaultClientFactory: ClientFactory = (apiUrl, token, onSlowDown) => createClient({ apiUrl, token, onSlowDown });

export class DesktopBackend {
  private readonly signIn: SignInStore;
  private readonly adobe: AdobeSignIn;
  private readonly settings: SettingsStore;
  private readonly grants = new PathGrants();
  private readonly handlerMap: Handlers;
  private readonly lastApi: LastApi;
  /** The last network state the OS reported (networkHint), so the renderer hears of changes only. */
  private osOnline: boolean | null = null;

  constructor(private readonly deps: BackendDeps) {
    const settings = (this.settings = new SettingsStore(deps.settingsFile, deps.initialSettings));
    const lastApi = (this.lastApi = new LastApi(deps.lastApiFile));
    const createClient = deps.createClient ?? defaultClientFactory;
    const sandboxes = new SandboxLifecycle(deps.sandboxDataDir);
    const adobe = (this.adobe = new AdobeSignIn({
      setup: () => this.imsSetup(),
      openSandbox: () => sandboxes.open(),
      openExternal: deps.openExternal ?? (async () => Promise.reject(new Error('no browser to open here'))),
      vault: deps.vault,
      createClient,
      current: () => this.signIn.current,
      signInWith: (apiUrl, credential, sandbox) => this.signIn.signInWith(apiUrl, credential, sandbox),
      notify: () => this.signIn.notify(),
    }));
    this.signIn = new SignInStore({
      vault: deps.vault,
      keychainAvailable: deps.keychainAvailable,
      createClient,
      sandboxes,
      adobe,
      openSession: (client, apiUrl) => new EngineSession({ client, apiUrl, journalDir: deps.journalDir, concurrency: settings.get().partsInFlight }, deps.push),
      announce: (status) => {
        if (status.signedIn && !status.sandbox && status.apiUrl) lastApi.remember(status.apiUrl);
        deps.push('auth:changed', status);
      },
      slowDown: (waitMs) => deps.push('service:slowDown', { waitSeconds: Math.ceil(waitMs / 1000) }),
    });
    this.handlerMap = createHandlers({ signIn: this.signIn, adobe, env: deps.env ?? process.env, grants: this.grants, settings, pickPaths: deps.pickPaths, reveal: deps.reveal });
  }

  handlers(): Handlers {
    return this.handlerMap;
  }

  status(): AuthStatus {
    return this.signIn.status();
  }

  /** Where a "Sign in with Adobe" comes back: the protocol handler (a second instance's command line, macOS
   * open-url) and the browser host's redirect route all call this. Only a redirect to the configured (or the
   * sandbox's) redirect URI carrying the pending attempt's state signs in; anything else changes nothing and says why. */
  async handleSignInRedirect(url: string): Promise<AuthStatus> {
    await this.adobe.handleRedirect(url);
    return this.signIn.status();
  }

  /** Paths dropped on the window (the preload's report of webUtils.getPathForFile, or the browser host's stand-in):
   * the window may preflight and upload them, once. */
  grantDropped(paths: readonly string[]): void {
    this.grants.grant(paths);
  }

  /** The local path an upload of this session reads (the browser host releases its spooled copies by it). */
  uploadPath(fileId: number): string | undefined {
    const state = this.signIn.current;
    return state.kind === 'signedIn' ? state.session.engine.file(fileId)?.path : undefined;
  }

  /** The URL schemes the app must own for sign-ins to come back (app.setAsDefaultProtocolClient). */
  redirectSchemes(): string[] {
    return redirectSchemes(this.imsSetup());
  }

  private imsSetup(): ImsSetup {
    return imsSetup(this.deps.env ?? process.env, this.settings.get());
  }

  /** Start-up with no account configured: the app opens on the sandbox (demo projects, nothing leaves the computer);
   * signing out of it leads to the Frame.io sign-in. A saved token is tried first — for `apiUrl`, or else for the API
   * last signed in to, then V4, then V2 — and its problem shown if it fails. */
  restoreOrSandbox(apiUrl?: string): Promise<AuthStatus> {
    return this.signIn.restoreOrSandbox(apiUrl ?? this.lastApi.candidates());
  }

  /** Start-up: sign in with a token already in the keychain, if any, and continue what an earlier run left unfinished. */
  restore(apiUrl = this.lastApi.candidates()[0] as string): Promise<AuthStatus> {
    return this.signIn.restore(apiUrl);
  }

  /** What the OS says about the network (main/os/power-events.ts): files waiting for it look again at once, a saved
   * token that could not reach Frame.io at start-up tries again, and the renderer hears when the answer changes. */
  networkHint(online: boolean): void {
    const state = this.signIn.current;
    if (state.kind === 'signedIn') state.session.engine.networkChanged(online);
    if (online) this.signIn.networkBack();
    if (online === this.osOnline) return;
    this.osOnline = online;
    this.deps.push('network:changed', { online });
  }

  /** Uploads that would be cut off by quitting now (the quit prompt asks before it does that). */
  activeUploadCount(): number {
    const state = this.signIn.current;
    return state.kind === 'signedIn' ? state.session.activeCount() : 0;
  }

  /** Every queue row: what `uploads:list` answers, and what the OS integration summarises. */
  rows(): UploadRow[] {
    return rowsOf(this.signIn);
  }

  /** Quitting: uploads stop as interrupted, every batch's journal gets its final write (they continue at the next
   * launch), then the sandbox, if any, closes. The token stays in the keychain. */
  close(): Promise<void> {
    return this.signIn.close();
  }
}
