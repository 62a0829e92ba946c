// Turns the global options into a connected Frame.io client: a real account (--token or FRAMEIO_TOKEN, else the
// sign-in kept in the OS keychain by `ferry login`), or an in-process sandbox (--sandbox, on its V4 API: its demo
// token, or a `ferry --sandbox login` sign-in when there is one) that lives as long as the command.
import os from 'node:os';
import path from 'node:path';
import { type ApiVersion, apiVersionOf, DEFAULT_API_URL } from '../core/frameio/create-client';
import type { FrameioClient } from '../core/frameio/types';
import { tokenSafeOrigin } from '../core/net/origin';
import { CliError } from './cli-error';
import { sandboxKeychainKey, storedCredentialFor } from './keychain-access';
import { atTerminal } from './paste-sign-in';
import { startCliSandbox } from './sandbox-session';
import { givenToken, type TokenOptions } from './token-source';
import { type ClientContext, type SessionAuth, type SignedInClient, storedClient, tokenClient } from './session-auth';
import { ferryCommand } from './invocation';

export { otherVersionUrl } from './session-urls';
export type { SessionAuth } from './session-auth';

export interface GlobalOptions extends TokenOptions {
  api?: string;
  account?: string;
  sandbox?: boolean;
  json?: boolean;
}

export interface Session {
  client: FrameioClient;
  apiUrl: string;
  /** What the journal files this session's batches under: the API URL, or for --sandbox its data folder (the
   * sandbox's port changes with every run, so `ferry --sandbox resume` would never find its batches by URL). */
  journalKey: string;
  /** The --account given, if any (V4). */
  accountId: string | null;
  /** Set when --sandbox started one: its demo project's root folder, a sensible default target. */
  sandboxRootId: string | null;
  /** --sandbox: a journaled part URL signed for an earlier run's storage server (resume must not wait for it). */
  staleUrl?: (url: string) => boolean;
  /** Who signs the calls: an Adobe sign-in, a token (and where it came from), or the sandbox's demo token. */
  auth: SessionAuth;
  /** `ferry`, `ferry --sandbox` or `ferry --api <url>`: how advice names a command for this same API. */
  command: string;
  /** Whether the same token signs in on the other API version (`…/v2` for a V4 session): what a 401 should advise. */
  tokenWorksOn(version: ApiVersion): Promise<boolean>;
  close(): Promise<void>;
}

/** Where `ferry sandbox` and `--sandbox` keep their state by default, so ids survive between runs. */
export function defaultSandboxDir(): string {
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'ferry', 'sandbox');
}

/** The API a real-account command talks to (--api, FRAMEIO_API, or V4's default), checked; and how to name it. */
export function apiTarget(options: GlobalOptions): { apiUrl: string; command: string } {
  const apiUrl = options.api || process.env.FRAMEIO_API || DEFAULT_API_URL;
  try {
    new URL(apiUrl);
  } catch {
    throw new CliError(`--api must be a URL like ${DEFAULT_API_URL}, got "${apiUrl}".`, 2);
  }
  if (!apiVersionOf(apiUrl)) throw new CliError(`--api ${apiUrl}: a Frame.io API address ends in /v4 (or /v2 for the legacy API).`, 2);
  try {
    tokenSafeOrigin(apiUrl);
  } catch (error) {
    throw new CliError(`--api: ${(error as Error).message}.`, 2);
  }
  return { apiUrl, command: options.api && options.api !== DEFAULT_API_URL ? `${ferryCommand()} --api ${apiUrl}` : ferryCommand() };
}

/** Header values must be visible ASCII; say so rather than fail later with a confusing header error. */
function checkToken(token: string): string {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new CliError('The token contains spaces or characters a token cannot have; copy it again from developer.frame.io.', 2);
  }
  return token;
}

export async function openSession(options: GlobalOptions, notify: (line: string) => void): Promise<Session> {
  const onSlowDown = (ms: number) => notify(`Frame.io asked us to slow down — resuming in ${Math.ceil(ms / 1000)} s`);
  const accountId = options.account ?? null;
  const interactive = atTerminal() && !options.json;
  if (options.sandbox) {
    const dataDir = defaultSandboxDir();
    const { sandbox, staleUrl } = await startCliSandbox(dataDir).catch((error: unknown) => {
      throw new CliError(`Could not start the sandbox: ${(error as Error).message}`);
    });
    const apiUrl = sandbox.apiV4Url;
    const keychainKey = sandboxKeychainKey(dataDir);
    const ctx: ClientContext = {
      apiUrl, keychainKey, accountId, onSlowDown, interactive, notify,
      sandboxIms: { imsUrl: sandbox.imsUrl, clientId: sandbox.imsClientId, redirectUri: sandbox.imsRedirectUri },
    };
    let signedIn: SignedInClient;
    try {
      const stored = await storedCredentialFor(keychainKey); // `ferry --sandbox login` keeps one; else the demo token
      signedIn = stored.found ? storedClient(ctx, stored) : tokenClient(ctx, sandbox.token, { method: 'sandbox' });
    } catch (error) {
      await sandbox.close();
      throw error;
    }
    notify(`Using the local sandbox at ${apiUrl}${signedIn.auth.method === 'adobe' ? ', signed in with Adobe' : ''}`);
    if (!accountId) signedIn.client.placeInAccount(sandbox.rootFolderId, sandbox.accountId); // the default target: no search
    return {
      ...signedIn,
      apiUrl,
      journalKey: `ferry-sandbox:${dataDir}/v4`,
      accountId,
      sandboxRootId: sandbox.rootFolderId,
      staleUrl,
      command: `${ferryCommand()} --sandbox`,
      close: () => sandbox.close(),
    };
  }
  const { apiUrl, command } = apiTarget(options);
  if (apiVersionOf(apiUrl) === 'v2' && accountId) throw new CliError('--account is for the V4 API: V2 addresses ids without an account.', 2);
  const ctx: ClientContext = { apiUrl, keychainKey: apiUrl, accountId, onSlowDown, interactive, notify };
  let signedIn: SignedInClient;
  const given = await givenToken(options);
  if (given) signedIn = tokenClient(ctx, checkToken(given.token), { method: 'token', source: given.source });
  else {
    const stored = await storedCredentialFor(apiUrl);
    if (!stored.found) {
      throw new CliError(
        `No Frame.io token (${stored.why}). Run \`${command} login\` to sign in with Adobe, pass --token or set FRAMEIO_TOKEN, or try Ferry with --sandbox.`,
        2,
      );
    }
    if (stored.credential.kind === 'token') checkToken(stored.credential.token);
    signedIn = storedClient(ctx, stored);
  }
  return { ...signedIn, apiUrl, journalKey: apiUrl, accountId, sandboxRootId: null, command, close: async () => {} };
}
