// Where "Sign in with Adobe" signs in, and as which app: an "OAuth Native App" credential (client id, and the redirect
// URI Adobe assigned, adobe+<hash>://…) and the IMS address, from the environment (FERRY_IMS_CLIENT_ID,
// FERRY_IMS_REDIRECT_URI, FERRY_IMS_URL: they win, as for the CLI) or else the app's settings; checked by core's
// checkImsConfig. The sandbox's own sign-in server needs none of it. Also the URL schemes the app must own for the
// redirects to come back to it (the protocol handler, main.ts).
import { type ImsConfig, ImsConfigError, imsConfigFrom } from '../../core/auth/ims-config';
import type { Settings } from '../../shared/ipc/schemas';
import { SANDBOX_REDIRECT_URI } from './sandbox-lifecycle';

export interface ImsSetup {
  /** The configuration to sign in with, or null when none is set (or it is wrong: `problem`). */
  config: ImsConfig | null;
  by: 'environment' | 'settings' | null;
  /** Why the configuration that is set cannot be used, in words. */
  problem: string | null;
}

type ImsSettings = Pick<Settings, 'imsClientId' | 'imsRedirectUri' | 'imsUrl'>;

const fromSettings = (s: ImsSettings): Partial<ImsConfig> => ({
  ...(s.imsClientId ? { clientId: s.imsClientId } : {}),
  ...(s.imsRedirectUri ? { redirectUri: s.imsRedirectUri } : {}),
  ...(s.imsUrl ? { imsUrl: s.imsUrl } : {}),
});

export function imsSetup(env: NodeJS.ProcessEnv, settings: ImsSettings): ImsSetup {
  const by = env.FERRY_IMS_CLIENT_ID ? 'environment' : settings.imsClientId ? 'settings' : null;
  try {
    return { config: imsConfigFrom(env, fromSettings(settings)), by, problem: null };
  } catch (error) {
    if (!(error instanceof ImsConfigError)) throw error;
    return { config: null, by, problem: `Sign in with Adobe is not set up correctly${by === 'environment' ? ' (FERRY_IMS_* in the environment)' : ''}: ${error.message}.` };
  }
}

/** Refuses settings whose Adobe sign-in part could not be used (the environment aside): what settings:set runs. */
export function checkImsSettings(settings: ImsSettings): void {
  if (!settings.imsClientId && (settings.imsRedirectUri || settings.imsUrl)) throw new ImsConfigError('Sign in with Adobe needs the client id of your OAuth Native App credential too');
  if (settings.imsClientId) imsConfigFrom({}, fromSettings(settings));
}

/** 'adobe+ferrysandbox' for adobe+ferrysandbox://callback; null for what is not a URL. */
export function schemeOf(redirectUri: string): string | null {
  try {
    return new URL(redirectUri).protocol.replace(/:$/, '');
  } catch {
    return null;
  }
}

/** Every scheme a sign-in may come back on: the configured credential's, and the sandbox's. */
export function redirectSchemes(setup: ImsSetup): string[] {
  const schemes = [setup.config ? schemeOf(setup.config.redirectUri) : null, schemeOf(SANDBOX_REDIRECT_URI)];
  return [...new Set(schemes.filter((s): s is string => s !== null))];
}
