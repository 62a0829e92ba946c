// Where `ferry login` and `ferry logout` sign in and out: the API (and its keychain entry) and the Adobe sign-in
// server for it — the FERRY_IMS_* configuration for a real account, or, with --sandbox, the in-process sandbox's own
// sign-in server (running for as long as the command, so its page is there while the person signs in).
import { ImsConfigError, imsConfigFrom, type ImsConfig } from '../core/auth/ims-config';
import { apiVersionOf } from '../core/frameio/create-client';
import { CliError } from './cli-error';
import { sandboxKeychainKey } from './keychain-access';
import { startCliSandbox } from './sandbox-session';
import { apiTarget, defaultSandboxDir, type GlobalOptions } from './session';
import { ferryCommand } from './invocation';

export interface SignInTarget {
  /** The V4 API the sign-in is for. */
  apiUrl: string;
  /** Its keychain entry. */
  keychainKey: string;
  /** How to name it to a person: "https://api.frame.io/v4", "the local sandbox". */
  label: string;
  /** `ferry`, `ferry --sandbox`, `ferry --api <url>`. */
  command: string;
  /** The sandbox's sign-in server (for --sandbox), where its refresh tokens are revoked too. */
  sandboxIms: ImsConfig | null;
  /** Where to sign in; a CliError naming what is missing when Adobe sign-in is not configured. */
  imsConfig(): ImsConfig;
  close(): Promise<void>;
}

/** The FERRY_IMS_* configuration, or a CliError naming the variables to set. */
export function imsFromEnvironment(env: NodeJS.ProcessEnv = process.env): ImsConfig {
  let config: ImsConfig | null;
  try {
    config = imsConfigFrom(env);
  } catch (error) {
    if (error instanceof ImsConfigError) throw new CliError(`Adobe sign-in is misconfigured: ${error.message}.`, 2);
    throw error;
  }
  if (config) return config;
  const missing = ['FERRY_IMS_CLIENT_ID', ...(env.FERRY_IMS_REDIRECT_URI ? [] : ['FERRY_IMS_REDIRECT_URI'])];
  throw new CliError(
    `Adobe sign-in is not configured: set ${missing.join(' and ')} (the client id and redirect URI of an "OAuth Native App" ` +
      'credential from the Adobe Developer Console; FERRY_IMS_URL only for another sign-in server). Or try `ferry --sandbox login`, ' +
      'or pass a token with FRAMEIO_TOKEN.',
    2,
  );
}

export async function signInTarget(options: GlobalOptions): Promise<SignInTarget> {
  if (options.sandbox) {
    const dataDir = defaultSandboxDir();
    const { sandbox } = await startCliSandbox(dataDir).catch((error: unknown) => {
      throw new CliError(`Could not start the sandbox: ${(error as Error).message}`);
    });
    const ims = { imsUrl: sandbox.imsUrl, clientId: sandbox.imsClientId, redirectUri: sandbox.imsRedirectUri };
    return {
      apiUrl: sandbox.apiV4Url,
      keychainKey: sandboxKeychainKey(dataDir),
      label: `the local sandbox (${dataDir})`,
      command: `${ferryCommand()} --sandbox`,
      sandboxIms: ims,
      imsConfig: () => ims,
      close: () => sandbox.close(),
    };
  }
  const { apiUrl, command } = apiTarget(options);
  if (apiVersionOf(apiUrl) !== 'v4') {
    throw new CliError(`Signing in with Adobe is for the V4 API; ${apiUrl} is the legacy V2 API, which takes a developer token (--token or FRAMEIO_TOKEN).`, 2);
  }
  return { apiUrl, keychainKey: apiUrl, label: apiUrl, command, sandboxIms: null, imsConfig: () => imsFromEnvironment(), close: async () => {} };
}
