// Turns the global options into a connected Frame.io client: a real account (--api/--token or FRAMEIO_TOKEN),
// or an in-process sandbox (--sandbox) that lives as long as the command.
import os from 'node:os';
import path from 'node:path';
import { apiVersionOf, createClient, DEFAULT_API_URL } from '../core/frameio/create-client';
import { V2Client } from '../core/frameio/v2-client';
import type { FrameioClient } from '../core/frameio/types';
import { tokenSafeOrigin } from '../core/net/origin';
import type { Sandbox } from '../sandbox/index';
import { CliError } from './cli-error';

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
  /** Set when --sandbox started one: its demo project's root, a sensible default target. */
  sandboxRootId: string | null;
  close(): Promise<void>;
}

/** Where `ferry sandbox` and `--sandbox` keep their state by default, so ids survive between runs. */
export function defaultSandboxDir(): string {
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'ferry', 'sandbox');
}

export async function openSession(options: GlobalOptions, notify: (line: string) => void): Promise<Session> {
  if (options.sandbox) {
    let sandbox: Sandbox;
    try {
      // Loaded only when asked for: the sandbox pulls in the AWS SDK, which a plain upload must not pay for at start-up.
      const { startSandbox } = await import('../sandbox/index');
      sandbox = await startSandbox({ dataDir: defaultSandboxDir() });
    } catch (error) {
      throw new CliError(`Could not start the sandbox: ${(error as Error).message}`);
    }
    notify(`Using the local sandbox at ${sandbox.apiUrl}`);
    return {
      client: new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token }),
      apiUrl: sandbox.apiUrl,
      sandboxRootId: sandbox.rootAssetId,
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
  if (!apiVersionOf(apiUrl)) throw new CliError(`--api ${apiUrl}: a Frame.io API address ends in /v4 (or /v2 for the legacy API).`, 2);
  try {
    tokenSafeOrigin(apiUrl);
  } catch (error) {
    throw new CliError(`--api: ${(error as Error).message}.`, 2);
  }
  return {
    client: createClient({
      apiUrl,
      token,
      accountId: options.account ?? null,
      onSlowDown: (ms) => notify(`Frame.io asked us to slow down — resuming in ${Math.ceil(ms / 1000)} s`),
    }),
    apiUrl,
    sandboxRootId: null,
    close: async () => {},
  };
}
