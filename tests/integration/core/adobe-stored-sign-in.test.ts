// One Adobe sign-in kept in the keychain and used by two processes at once (two `ferry upload`s, or the app and the
// CLI): the first to renew rotates the refresh token; the second must take the newer credential from the keychain
// instead of presenting its retired refresh token, which the sign-in server treats as theft and answers by ending the
// whole sign-in (decision 0021). On the sandbox's sign-in server and the real keychain (scripts/test.sh).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { adobeRenewer } from '../../../src/core/auth/adobe-renewal';
import { authorizeUrl, codeFromRedirect, exchangeCode } from '../../../src/core/auth/ims-client';
import { createKeychainTokenStore, KEYCHAIN_SERVICE } from '../../../src/core/auth/keychain';
import { newPkceAttempt } from '../../../src/core/auth/pkce';
import { type AdobeCredential, adobeCredential, parseStoredCredential, serializeCredential } from '../../../src/core/auth/stored-credential';
import { storedSignIn } from '../../../src/core/auth/stored-sign-in';
import { createClient } from '../../../src/core/frameio/create-client';
import { useSandbox } from '../../support/sandbox-fixture';
import { answer } from '../../support/sign-in-page';

const fx = useSandbox({ ims: { accessTokenLifetimeS: 30 } }, 'ferry-stored-sign-in-');
const store = createKeychainTokenStore({ service: `${KEYCHAIN_SERVICE}.stored-sign-in-test-${randomBytes(4).toString('hex')}` });
afterAll(async () => {
  await store.delete(fx.sandbox.apiV4Url).catch(() => undefined);
});

const tokenOf = (answer: Awaited<ReturnType<ReturnType<typeof storedSignIn>['renew']>>): string | null =>
  answer === null ? null : typeof answer === 'string' ? answer : answer.token;

describe('a sign-in shared through the keychain', () => {
  it('the second process to renew adopts the credential the first one stored; the sign-in lives on', async () => {
    const sb = fx.sandbox;
    const config = { imsUrl: sb.imsUrl, clientId: sb.imsClientId, redirectUri: sb.imsRedirectUri };
    const attempt = newPkceAttempt();
    const allowed = await answer(authorizeUrl(config, attempt), 'Allow');
    const first: AdobeCredential = adobeCredential(await exchangeCode(config, codeFromRedirect(config, attempt, allowed.headers.get('location') ?? ''), attempt.verifier), config);
    await store.set(sb.apiV4Url, serializeCredential(first));
    const processOf = () => storedSignIn({ store, apiUrl: sb.apiV4Url, credential: first, refreshConfig: () => config });
    const a = processOf();
    const b = processOf();

    const fromA = tokenOf(await a.renew());
    const kept = parseStoredCredential((await store.get(sb.apiV4Url)) ?? '') as AdobeCredential;
    expect(fromA).toBe(kept.accessToken); // A refreshed and wrote the rotated credential back at once
    expect(kept.refreshToken).not.toBe(first.refreshToken);

    expect(tokenOf(await b.renew())).toBe(kept.accessToken); // B took it from the keychain, no refresh of its own
    expect(b.current()).toEqual(kept);
    expect(b.ended()).toBeNull();

    // The sign-in is intact: it renews again, and the API takes the new token.
    const again = tokenOf(await b.renew());
    expect(again).not.toBe(kept.accessToken);
    expect((await createClient({ apiUrl: sb.apiV4Url, token: again as string }).me()).name).toBe('Demo User');

    // What B avoided: presenting the retired refresh token ends the sign-in (refused, and nobody to sign in again).
    const stale = adobeRenewer({ config, credential: first, save: async () => undefined });
    expect(await stale()).toBeNull();
  });
});
