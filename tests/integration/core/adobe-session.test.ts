// Staying signed in with Adobe during a long upload, on the sandbox's own sign-in server (30 s access tokens):
// access tokens expire twice mid-upload and are refreshed while parts are on the wire, with nothing lost or sent
// twice; then the refresh token is revoked mid-batch: the files pause, the person signs in again, and they finish.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adobeRenewer } from '../../../src/core/auth/adobe-renewal';
import { authorizeUrl, codeFromRedirect, exchangeCode } from '../../../src/core/auth/ims-client';
import type { ImsConfig } from '../../../src/core/auth/ims-config';
import { newPkceAttempt } from '../../../src/core/auth/pkce';
import { pausingWhileSigningIn } from '../../../src/core/auth/sign-in-again';
import { type AdobeCredential, adobeCredential } from '../../../src/core/auth/stored-credential';
import { createClient } from '../../../src/core/frameio/create-client';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { UploadEngine } from '../../../src/core/upload/engine';
import { scanPaths } from '../../../src/core/upload/scan';
import type { Sandbox } from '../../../src/sandbox/index';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';
import { answer } from '../../support/sign-in-page';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
const fx = useSandbox({ partSizeBytes: MiB, ims: { accessTokenLifetimeS: 30 } }, 'ferry-adobe-');

/** What the app does on "Sign in with Adobe", with the browser's Allow pressed by a test. */
async function signIn(sb: Sandbox): Promise<{ config: ImsConfig; credential: AdobeCredential }> {
  const config = { imsUrl: sb.imsUrl, clientId: sb.imsClientId, redirectUri: sb.imsRedirectUri };
  const attempt = newPkceAttempt();
  const allowed = await answer(authorizeUrl(config, attempt), 'Allow');
  const code = codeFromRedirect(config, attempt, allowed.headers.get('location') ?? '');
  return { config, credential: adobeCredential(await exchangeCode(config, code, attempt.verifier), config) };
}

const putsOf = (sb: Sandbox, assetId: string) => Object.values(sb.stats().partPuts[assetId] ?? {});

describe('an Adobe sign-in during a long upload', () => {
  it('refreshes twice while parts are uploading: every part sent once, bytes equal; a revoked refresh token pauses the files until the person signs in again', async () => {
    const sb = fx.sandbox;
    const { config, credential } = await signIn(sb);
    const client = createClient({ apiUrl: sb.apiV4Url, token: credential.accessToken });
    client.pacer.credentials.setToken(credential.accessToken, credential.expiresAt);
    const saved: AdobeCredential[] = [];
    let asked = 0;
    let pausedWhileAsked: string[] = [];
    const engine = new UploadEngine({ client, apiUrl: sb.apiV4Url, journalDir: null, concurrency: 2 });
    client.pacer.credentials.setRenewer(
      adobeRenewer({
        config,
        credential,
        save: async (c) => void saved.push(c),
        signInAgain: pausingWhileSigningIn(engine, async () => {
          asked++;
          pausedWhileAsked = engine.files.map((f) => f.status);
          return (await signIn(sb)).credential;
        }),
      }),
    );
    const target = sb.rootFolderId;
    const big = await makeFile(path.join(fx.work, 'long', 'A001_C001.mov'), 24 * MiB + 7);
    const nudge = async (name: string) => {
      // Another file starts: its create is an API call, made while the big file's parts are on the wire.
      const file = await makeFile(path.join(fx.work, 'nudges', name), 40_000);
      return engine.enqueue({ scan: await scanPaths([file]), targetFolderId: target }).done;
    };
    sb.setFaults({ seed: 3, putSlow: 1, slowBytesPerSec: 4 * MiB });
    try {
      const { fileIds: [bigId], done } = engine.enqueue({ scan: await scanPaths([big]), targetFolderId: target });
      const acked = () => engine.file(bigId as number)?.partsDone.size ?? 25;

      await waitFor(() => acked() >= 3, 'three parts of the big file');
      sb.expireAccessTokens();
      expect((await nudge('n1.wav')).completed).toBe(1);
      await waitFor(() => acked() >= 8, 'eight parts');
      sb.expireAccessTokens();
      expect((await nudge('n2.wav')).completed).toBe(1);
      expect(saved).toHaveLength(2); // two refreshes, each refresh token rotated and kept
      expect(new Set(saved.map((c) => c.refreshToken)).size).toBe(2);

      await waitFor(() => acked() >= 12, 'twelve parts');
      const bigAsset = engine.file(bigId as number)?.assetId as string;
      expect(putsOf(sb, bigAsset).every((n) => n === 1)).toBe(true); // two refreshes mid-upload: no part sent twice
      expect(sb.revokeRefreshTokens()).toBeGreaterThan(0);
      sb.expireAccessTokens();
      expect((await nudge('n3.wav')).completed).toBe(1);
      expect(asked).toBe(1);
      // nothing moved while signing in again (a file being confirmed sends no bytes and is left to finish)
      expect(pausedWhileAsked.filter((s) => s !== 'paused' && s !== 'confirming' && s !== 'completed')).toEqual([]);

      const report = await done;
      expect(report.completed).toBe(1);
      const assetId = report.files.at(0)?.assetId as string;
      // Pausing for the new sign-in stops the parts in flight; the server may have stored one before the stop reached
      // it, and it goes again after: at most the two in flight (concurrency 2), never an acknowledged part.
      expect(putsOf(sb, assetId).filter((n) => n > 1).length).toBeLessThanOrEqual(2);
      expect(putsOf(sb, assetId).every((n) => n <= 2)).toBe(true);
      expect(putsOf(sb, assetId)).toHaveLength(25);
      const v2 = new V2Client({ baseUrl: sb.apiUrl, token: sb.token });
      expect(await sha256Url((await v2.getAsset(assetId)).originalUrl as string)).toBe(await sha256File(big));
    } finally {
      sb.setFaults({});
    }
  });
});
