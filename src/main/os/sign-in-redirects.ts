// The app as the handler of its sign-in redirect scheme (adobe+<hash>://…, and the sandbox's adobe+ferrysandbox://):
// registered with the OS (app.setAsDefaultProtocolClient; packaged builds also declare it in electron-builder.yml's
// `protocols`), and the redirect delivered to the backend's one handleSignInRedirect, however it arrives:
// - macOS: the 'open-url' event (listened to before 'ready': a cold start by the link fires it that early);
// - Windows and Linux: the OS starts the app again with the URL on its command line; the single-instance lock sends
//   that command line to the running app as 'second-instance' (and a cold start has it in process.argv).
// What arrives before the backend exists waits for it. Only URLs of the schemes registered go on; the backend then
// accepts only a redirect to the configured redirect URI that carries the pending attempt's state.

export interface RedirectApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[] | undefined) => void): unknown;
}

export interface RedirectTarget {
  schemes: readonly string[];
  handle(url: string): unknown;
  /** Brings the window forward (a second launch, a redirect: the person looks for the app). */
  show(): void;
}

export interface RedirectOptions {
  /** process.argv of this (first) instance: a cold start by the link carries the URL here. */
  argv: readonly string[];
  /** Not packaged (`electron .`): the OS must start Electron with the app's entry script, not the bare binary. */
  dev?: { execPath: string; entry: string };
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The first argument that is a URL of one of `schemes` (Windows passes it as one argument, maybe after others). */
export function redirectIn(argv: readonly string[], schemes: readonly string[]): string | null {
  const wanted = new Set(schemes.map((s) => s.toLowerCase()));
  for (const arg of argv) {
    const scheme = URL_LIKE.test(arg) ? arg.slice(0, arg.indexOf(':')).toLowerCase() : null;
    if (scheme && wanted.has(scheme)) return arg;
  }
  return null;
}

/** Listens at once; `deliverTo` (once the backend is there) registers the schemes and hands over what waited. */
export function listenForSignInRedirects(app: RedirectApp, options: RedirectOptions): { deliverTo(target: RedirectTarget): void } {
  let target: RedirectTarget | null = null;
  const waiting: string[] = options.argv.filter((arg) => URL_LIKE.test(arg));
  const arrive = (urls: readonly string[], show: boolean) => {
    if (!target) return void waiting.push(...urls.filter((u) => URL_LIKE.test(u)));
    if (show) target.show();
    const url = redirectIn(urls, target.schemes);
    if (url) void Promise.resolve(target.handle(url)).catch(() => undefined); // the outcome is in the status
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    arrive([url], true);
  });
  app.on('second-instance', (_event, argv) => arrive(argv ?? [], true));
  return {
    deliverTo(next) {
      target = next;
      for (const scheme of next.schemes) {
        if (options.dev) app.setAsDefaultProtocolClient(scheme, options.dev.execPath, [options.dev.entry]);
        else app.setAsDefaultProtocolClient(scheme);
      }
      const early = waiting.splice(0);
      if (early.length) arrive(early, false);
    },
  };
}
