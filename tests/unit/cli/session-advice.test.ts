// What the CLI says when Frame.io refuses a token, and the pieces it is built from.
import { describe, expect, it } from 'vitest';
import { CliError, failure, tokenAdvice, unauthorizedBehind } from '../../../src/cli/cli-error';
import { printable } from '../../../src/cli/format';
import { otherVersionUrl } from '../../../src/cli/session';
import { FrameioError } from '../../../src/core/frameio/errors';

const denied = new FrameioError('unauthorized', 'Invalid token', 401);

describe('a rejected token', () => {
  it('is found behind the one-line error a command made of it', () => {
    expect(unauthorizedBehind(failure(denied, 'folder f'))).toBe(denied);
    expect(unauthorizedBehind(denied)).toBe(denied);
    expect(unauthorizedBehind(failure(new FrameioError('not_found', 'gone', 404)))).toBeNull();
    expect(unauthorizedBehind(new CliError('plain'))).toBeNull();
  });

  it('on V4: says to use V2 when the token works there, else what V4 takes', () => {
    const api = 'https://api.frame.io/v4';
    expect(tokenAdvice(denied, api, 'v4', true, 'https://api.frame.io/v2')).toBe(
      'Frame.io rejected the token (401: Invalid token) on the V4 API at https://api.frame.io/v4. The token works on the legacy V2 API: your account has not moved to V4, so use --api https://api.frame.io/v2 (or FRAMEIO_API).',
    );
    expect(tokenAdvice(denied, api, 'v4', false, 'https://api.frame.io/v2')).toMatch(/V4 takes an access token from signing in with Adobe, or a developer token \(fio-u-…\) of an account that is not managed in the Adobe Admin Console/);
    expect(tokenAdvice(denied, 'https://api.frame.io/v2', 'v2', true, api)).toMatch(/The token works on the V4 API, where accounts migrated to Adobe live: use --api https:\/\/api.frame.io\/v4/);
    const unlinked = new FrameioError('unauthorized', 'Your Frame user is not linked to an Adobe ID. Sign in once at frame.io with your Adobe ID', 401);
    expect(tokenAdvice(unlinked, api, 'v4', false, 'x')).toBe(`Frame.io rejected the token (401: ${unlinked.message}) on the V4 API at ${api}.`);
  });

  it('the other version of an API address', () => {
    expect(otherVersionUrl('https://api.frame.io/v4', 'v2')).toBe('https://api.frame.io/v2');
    expect(otherVersionUrl('http://127.0.0.1:9/proxy/v2/', 'v4')).toBe('http://127.0.0.1:9/proxy/v4');
  });
});

describe('printable', () => {
  it('shows control characters and direction overrides as escapes, and leaves the rest alone', () => {
    expect(printable('evil\u001b]0;PWNED\u0007\u001b[2Jred\nline2')).toBe('evil\\x1b]0;PWNED\\x07\\x1b[2Jred\\x0aline2');
    expect(printable('Día 1 — 音声 01.wav')).toBe('Día 1 — 音声 01.wav');
    expect(printable('txt.\u202eexe')).toBe('txt.\\u202eexe');
    expect(printable('\u009b31m')).toBe('\\x9b31m');
  });
});
