// The app as its sign-in redirect scheme's handler: registered per scheme (with Electron's entry script when not
// packaged), a redirect from a second launch's command line or macOS open-url goes to the one handler, only for the
// registered schemes, and what arrives before the backend exists waits for it.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { listenForSignInRedirects, redirectIn } from '../../../src/main/os/sign-in-redirects';

function fakeApp() {
  return Object.assign(new EventEmitter(), { setAsDefaultProtocolClient: vi.fn(() => true) });
}
const SCHEMES = ['adobe+3f9a1c', 'adobe+ferrysandbox'];

describe('sign-in redirects', () => {
  it('finds the redirect among the arguments, for the registered schemes only', () => {
    expect(redirectIn(['/usr/bin/ferry', '--no-sandbox', 'ADOBE+3f9a1c://callback?code=c&state=s'], SCHEMES)).toBe('ADOBE+3f9a1c://callback?code=c&state=s');
    expect(redirectIn(['/usr/bin/ferry', 'https://evil.example/?code=c', 'file:///etc/passwd', 'adobe+other://callback?code=c'], SCHEMES)).toBeNull();
  });

  it('registers every scheme, with the entry script when not packaged, and hands over a second launch and open-url', () => {
    const app = fakeApp();
    const handle = vi.fn();
    const show = vi.fn();
    listenForSignInRedirects(app, { argv: ['/usr/bin/electron', '.'], dev: { execPath: '/usr/bin/electron', entry: '/src/ferry/dist/main/index.js' } }).deliverTo({ schemes: SCHEMES, handle, show });
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual(SCHEMES.map((s) => [s, '/usr/bin/electron', ['/src/ferry/dist/main/index.js']]));
    app.emit('second-instance', {}, ['/usr/bin/electron', '.', 'adobe+ferrysandbox://callback?code=a&state=b']);
    const preventDefault = vi.fn();
    app.emit('open-url', { preventDefault }, 'adobe+3f9a1c://callback?code=c&state=d');
    app.emit('second-instance', {}, ['/usr/bin/electron', '.']); // a plain second launch: only the window comes forward
    expect(handle.mock.calls).toEqual([['adobe+ferrysandbox://callback?code=a&state=b'], ['adobe+3f9a1c://callback?code=c&state=d']]);
    expect(preventDefault).toHaveBeenCalled();
    expect(show).toHaveBeenCalledTimes(3);
  });

  it('a cold start by the link (argv, or an early open-url) is handled once the backend is there; packaged: the scheme alone', () => {
    const app = fakeApp();
    const handle = vi.fn();
    const redirects = listenForSignInRedirects(app, { argv: ['C:\\Ferry\\Ferry.exe', 'adobe+3f9a1c://callback?code=c&state=s'] });
    app.emit('open-url', { preventDefault: vi.fn() }, 'adobe+ferrysandbox://callback?code=e&state=f');
    expect(handle).not.toHaveBeenCalled();
    redirects.deliverTo({ schemes: SCHEMES, handle, show: vi.fn() });
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual(SCHEMES.map((s) => [s]));
    expect(handle).toHaveBeenCalledTimes(1); // the first one that waited; one sign-in comes back at a time
    expect(handle).toHaveBeenCalledWith('adobe+3f9a1c://callback?code=c&state=s');
  });
});
