// Turns the global options into a connected Frame.io client: a real account (--api/--token or FRAMEIO_TOKEN),
// or an in-process sandbox (--sandbox, on its V4 API) that lives as long as the command.
import os from 'node:os';
import path from 'node:path';
import { type ApiVersion, apiVersionOf, createClient, DEFAULT_API_URL } from '../core/frameio/create-client';
import type { FrameioClient } from '../core/frameio/types';
import { tokenSafeOrigin } from '../core/net/origin';
import { CliError } from './cli-error';
import { startCliSandbox } from './sandbox-session';

export interface GlobalOptions {
  api?: string;
  token?: string;
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
  /** Whether the same token signs in on the other API version (`…/v2` for a V4 session): what a 401 should advise. */
  tokenWorksOn(version: ApiVersion): Promise<boolean>;
  close(): Promise<void>;
}

/** Where `ferry sandbox` and `--sandbox` keep their state by default, so ids survive between runs. */
export function defaultSandboxDir(): string {
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'ferry', 'sandbox');
}

/** The API URL with its version segment replaced: `https://api.frame.io/v4` → `https://api.frame.io/v2`. */
export function otherVersionUrl(apiUrl: string, version: ApiVersion): string {
  return apiUrl.replace(/\/v[24]\/*$/, `/${version}`);
}

const PROBE_TIMEOUT_MS = 10_000;

/** Asks `/me` of the other API version with the same token (same origin: the token goes nowhere new). */
function tokenProbe(apiUrl: string, token: string) {
  return async (version: ApiVersion): Promise<boolean> => {
    const probe = createClient({ apiUrl: otherVersionUrl(apiUrl, version), token });
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref());
    return Promise.race([probe.me().then(() => true, () => false), timeout]);
  };
}

export async function openSession(options: GlobalOptions, notify: (line: string) => void): Promise<Session> {
  const onSlowDown = (ms: number) => notify(`Frame.io asked us to slow down — resuming in ${Math.ceil(ms / 1000)} s`);
  const accountId = options.account ?? null;
  if (options.sandbox) {
    const dataDir = defaultSandboxDir();
    const { sandbox, staleUrl } = await startCliSandbox(dataDir).catch((error: unknown) => {
      throw new CliError(`Could not start the sandbox: ${(error as Error).message}`);
    });
    notify(`Using the local sandbox at ${sandbox.apiV4Url}`);
    const client = createClient({ apiUrl: sandbox.apiV4Url, token: sandbox.token, accountId, onSlowDown });
    if (!accountId) client.placeInAccount(sandbox.rootFolderId, sandbox.accountId); // the default target: no search
    return {
      client,
      apiUrl: sandbox.apiV4Url,
      journalKey: `ferry-sandbox:${dataDir}/v4`,
      accountId,
      sandboxRootId: sandbox.rootFolderId,
      staleUrl,
      tokenWorksOn: tokenProbe(sandbox.apiV4Url, sandbox.token),
      close: () => sandbox.close(),
    };
  }
  const token = options.token || process.env.FRAMEIO_TOKEN;
  if (!token) {
    throw new CliError('No Frame.io token: pass --token, set FRAMEIO_TOKEN, or try Ferry with --sandbox.', 2);
  }
  // Header values must be visible ASCII; say so rather than fail later with a confusing header error.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new CliError('The token contains spaces or characters a token cannot have; copy it again from developer.frame.io.', 2);
  }
  const apiUrl = options.api || process.env.FRAMEIO_API || DEFAULT_API_URL;
  try {
    new URL(apiUrl);
  } catch {
    throw new CliError(`--api must be a URL like ${DEFAULT_API_URL}, got "${apiUrl}".`, 2);
  }
  const version = apiVersionOf(apiUrl);
  if (!version) throw new CliError(`--api ${apiUrl}: a Frame.io API address ends in /v4 (or /v2 for the legacy API).`, 2);
  if (version === 'v2' && accountId) throw new CliError('--account is for the V4 API: V2 addresses ids without an account.', 2);
  try {
    tokenSafeOrigin(apiUrl);
  } catch (error) {
    throw new CliError(`--api: ${(error as Error).message}.`, 2);
  }
  return {
    client: createClient({ apiUrl, token, accountId, onSlowDown }),
    apiUrl,
    journalKey: apiUrl,
    accountId,
    sandboxRootId: null,
    tokenWorksOn: tokenProbe(apiUrl, token),
    close: async () => {},
  };
}
