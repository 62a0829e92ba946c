// The in-process sandbox behind "Try the sandbox" (and the start-up with no account): its code is loaded only when
// asked (decision 0013: a lazy chunk the app never loads if nobody opens it), and one sandbox runs at a time, since a
// sandbox locks its data folder while it runs: opening waits for a close in progress. Closing does not wait for an
// opening in flight (quitting must not wait for a sandbox to start): that opening is dropped when it lands, and a
// sandbox it had started by then is closed at once.

/** What the sign-in store needs of a running sandbox: where its API is (V4, like a Frame.io account today), its demo
 * token, its own Adobe-IMS-like sign-in server ("Sign in with Adobe" with no Adobe account), and a way to stop it. */
export interface SandboxHandle {
  readonly apiUrl: string;
  readonly token: string;
  readonly ims?: { readonly imsUrl: string; readonly clientId: string; readonly redirectUri: string };
  close(): Promise<void>;
}

/** The redirect URI the in-process sandbox registers for its sign-in server (also its default): the app's protocol
 * handler knows its scheme before any sandbox runs. */
export const SANDBOX_REDIRECT_URI = 'adobe+ferrysandbox://callback';

export type StartSandbox = (dataDir: string) => Promise<SandboxHandle>;
/** Loads the sandbox's code and gives back the way to start one. */
export type LoadSandbox = () => Promise<StartSandbox>;

const loadInProcess: LoadSandbox = async () => {
  const { startSandbox } = await import('../../sandbox/index');
  return async (dataDir) => {
    // The ports this data folder's sandbox used last (when free): the journal's API URL and part URLs still name it,
    // so an upload interrupted by quitting resumes at the next launch (review finding 2).
    const sandbox = await startSandbox({ dataDir, ims: { redirectUri: SANDBOX_REDIRECT_URI }, rememberPorts: true });
    const ims = { imsUrl: sandbox.imsUrl, clientId: sandbox.imsClientId, redirectUri: sandbox.imsRedirectUri };
    return { apiUrl: sandbox.apiV4Url, token: sandbox.token, ims, close: () => sandbox.close() };
  };
};

export const SANDBOX_CLOSED = 'The sandbox was closed while it was starting';

export class SandboxLifecycle {
  private running: SandboxHandle | null = null;
  private opening: Promise<SandboxHandle> | null = null;
  private closing: Promise<void> = Promise.resolve();
  /** Bumped by close(): an opening begun before it does not keep what it started. */
  private generation = 0;

  constructor(
    private readonly dataDir: string,
    private readonly load: LoadSandbox = loadInProcess,
  ) {}

  /** The running sandbox, started first if there is none. */
  open(): Promise<SandboxHandle> {
    if (this.running) return Promise.resolve(this.running);
    this.opening ??= this.startOne().finally(() => (this.opening = null));
    return this.opening;
  }

  /** Stops the running sandbox (only if it is `which`, when given) and drops an opening in flight. */
  close(which?: SandboxHandle): Promise<void> {
    if (which && which !== this.running) return this.closing;
    this.generation++;
    const running = this.running;
    this.running = null;
    const closed = this.closing.then(() => running?.close());
    this.closing = closed.catch(() => undefined);
    return closed;
  }

  private async startOne(): Promise<SandboxHandle> {
    const generation = this.generation;
    const start = await this.load();
    await this.closing; // the previous sandbox lets go of the data folder first
    if (generation !== this.generation) throw new Error(SANDBOX_CLOSED);
    const sandbox = await start(this.dataDir);
    if (generation !== this.generation) {
      await sandbox.close().catch(() => undefined);
      throw new Error(SANDBOX_CLOSED);
    }
    this.running = sandbox;
    return sandbox;
  }
}
