// The CLI's sign-in pieces that need no server: the FERRY_IMS_* configuration and what its absence says, the pasted
// line read from a stream, how whoami describes a session, the sandbox's keychain entry, the flags' parsers.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AdobeSession } from '../../../src/cli/adobe-session';
import { parseDuration } from '../../../src/cli/commands/sandbox';
import { howSignedIn } from '../../../src/cli/commands/whoami';
import { formatExpiry } from '../../../src/cli/format';
import { sandboxKeychainKey } from '../../../src/cli/keychain-access';
import { readLine } from '../../../src/cli/paste-sign-in';
import { imsFromEnvironment } from '../../../src/cli/sign-in-target';
import { givenToken } from '../../../src/cli/token-source';
import { normaliseApiUrl } from '../../../src/core/auth/keychain';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const adobe = (expiresAt: number | null, refreshes: boolean): AdobeSession => ({ attach: () => undefined, ended: () => null, expiresAt: () => expiresAt, refreshes: () => refreshes });

describe('the FERRY_IMS_* configuration', () => {
  it('names every missing variable, and is complete with a client id and redirect URI', () => {
    expect(() => imsFromEnvironment({})).toThrow(/not configured: set FERRY_IMS_CLIENT_ID and FERRY_IMS_REDIRECT_URI \(the client id and redirect URI/);
    expect(() => imsFromEnvironment({ FERRY_IMS_REDIRECT_URI: 'adobe+abc://cb' })).toThrow(/not configured: set FERRY_IMS_CLIENT_ID \(/);
    expect(() => imsFromEnvironment({ FERRY_IMS_CLIENT_ID: 'abc' })).toThrow(/misconfigured: .*FERRY_IMS_REDIRECT_URI/);
    expect(() => imsFromEnvironment({ FERRY_IMS_CLIENT_ID: 'abc', FERRY_IMS_REDIRECT_URI: 'https://example.com/cb' })).toThrow(/app's own scheme/);
    expect(imsFromEnvironment({ FERRY_IMS_CLIENT_ID: 'abc', FERRY_IMS_REDIRECT_URI: 'adobe+abc://callback' })).toEqual({
      imsUrl: 'https://ims-na1.adobelogin.com',
      clientId: 'abc',
      redirectUri: 'adobe+abc://callback',
    });
  });
});

describe('the pasted line', () => {
  it('is one line without its line break (CRLF too); what follows stays for the next read; an empty input is null', async () => {
    const input = new PassThrough();
    input.end('adobe+x://cb?code=1&state=2\r\nnext line\n');
    expect(await readLine(input)).toBe('adobe+x://cb?code=1&state=2');
    expect(await readLine(input)).toBe('next line');
    const empty = new PassThrough();
    empty.end();
    expect(await readLine(empty)).toBeNull();
  });
});

describe('whoami: how a session signs in', () => {
  it('an Adobe sign-in: when its token expires and whether it renews itself', () => {
    expect(howSignedIn({ method: 'adobe', adobe: adobe(NOW + 90_000, true) }, 'ferry', NOW)).toBe(
      'Signed in with Adobe (kept in the OS keychain). The access token expires 2026-12-07 12:01:30 UTC (in 2 min); Ferry renews it by itself.',
    );
    expect(howSignedIn({ method: 'adobe', adobe: adobe(NOW - 1, false) }, 'ferry --sandbox', NOW)).toBe(
      'Signed in with Adobe (kept in the OS keychain). The access token expires 2026-12-07 11:59:59 UTC (expired); it cannot be renewed: run `ferry --sandbox login` then.',
    );
  });

  it('a token says where it came from; the sandbox its demo token', () => {
    expect(howSignedIn({ method: 'token', source: '--token-fd 3' }, 'ferry')).toMatch(/^Signed in with a token from --token-fd 3 /);
    expect(howSignedIn({ method: 'token', source: 'keychain' }, 'ferry')).toMatch(/^Signed in with a token kept in the OS keychain /);
    expect(howSignedIn({ method: 'sandbox' }, 'ferry --sandbox')).toBe("Signed in with the sandbox's demo token.");
    expect(formatExpiry(NOW + 3 * 3600_000 + 60_000, NOW)).toBe('2026-12-07 15:01:00 UTC (in 3 h 1 min)');
  });
});

describe('flags', () => {
  it('--ims-token-lifetime takes 30s, 5m, 2h, 1d or seconds', () => {
    expect([parseDuration('f', '30s'), parseDuration('f', '5m'), parseDuration('f', '2h'), parseDuration('f', '1d'), parseDuration('f', '45')]).toEqual([30, 300, 7200, 86_400, 45]);
    for (const bad of ['0', '-5s', 'soon', '10 years', '']) expect(() => parseDuration('--ims-token-lifetime', bad)).toThrow(/--ims-token-lifetime: expected a duration/);
  });

  it('a token is given one way at most', async () => {
    await expect(givenToken({ token: 'a', tokenFd: 3 })).rejects.toThrow(/one of --token, --token-stdin or --token-fd/);
    expect(await givenToken({ token: 'fio-u-x' })).toEqual({ token: 'fio-u-x', source: '--token' });
  });

  it("the sandbox's keychain entry follows its data folder, not its port", () => {
    const key = sandboxKeychainKey('/home/a/.local/share/ferry/sandbox');
    expect(key).toBe(sandboxKeychainKey('/home/a/.local/share/ferry/sandbox'));
    expect(key).not.toBe(sandboxKeychainKey('/srv/other-sandbox'));
    expect(normaliseApiUrl(key)).toBe(key); // a valid keychain account as it is
  });
});
