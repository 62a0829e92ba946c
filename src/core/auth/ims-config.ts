// Where Adobe sign-in happens and as which app: an "OAuth Native App" credential from the Adobe Developer Console
// (client id, and the redirect URI Adobe assigns, `adobe+<hash>://…`), and the IMS base URL. Configuration, not code:
// the app's settings or the environment (FERRY_IMS_CLIENT_ID, FERRY_IMS_REDIRECT_URI, FERRY_IMS_URL).

export const ADOBE_IMS_URL = 'https://ims-na1.adobelogin.com';
/** frameio-api.md "V4 sign-in": `offline_access` is what brings a refresh token. */
export const IMS_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'additional_info.roles'] as const;

export interface ImsConfig {
  imsUrl: string;
  clientId: string;
  redirectUri: string;
}

export class ImsConfigError extends Error {
  override readonly name = 'ImsConfigError';
}

/** The configuration from the environment, completed by `fallback` (the app's settings); null when no client id. */
export function imsConfigFrom(env: NodeJS.ProcessEnv, fallback: Partial<ImsConfig> = {}): ImsConfig | null {
  const clientId = env.FERRY_IMS_CLIENT_ID || fallback.clientId;
  if (!clientId) return null;
  const redirectUri = env.FERRY_IMS_REDIRECT_URI || fallback.redirectUri;
  if (!redirectUri) throw new ImsConfigError('Adobe sign-in needs the redirect URI of your OAuth Native App credential (FERRY_IMS_REDIRECT_URI, e.g. adobe+1234abcd://callback)');
  return checkImsConfig({ imsUrl: env.FERRY_IMS_URL || fallback.imsUrl || ADOBE_IMS_URL, clientId, redirectUri });
}

/** Refuses a configuration that could send a sign-in anywhere unexpected; returns it normalised. */
export function checkImsConfig(config: ImsConfig): ImsConfig {
  let ims: URL;
  let redirect: URL;
  try {
    ims = new URL(config.imsUrl);
  } catch {
    throw new ImsConfigError(`the sign-in server ${config.imsUrl} is not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(ims.hostname);
  if (ims.protocol !== 'https:' && !(ims.protocol === 'http:' && loopback)) throw new ImsConfigError(`the sign-in server must be https (or on this computer): ${ims.origin}`);
  try {
    redirect = new URL(config.redirectUri);
  } catch {
    throw new ImsConfigError(`the redirect URI ${config.redirectUri} is not a URL`);
  }
  if (['http:', 'https:', 'file:', 'javascript:', 'data:'].includes(redirect.protocol)) {
    throw new ImsConfigError(`the redirect URI of a desktop sign-in uses the app's own scheme (adobe+…://), not ${redirect.protocol}`);
  }
  if (!/^[\w.-]{1,256}$/.test(config.clientId)) throw new ImsConfigError('the client id has characters a client id cannot have');
  return { imsUrl: ims.origin + ims.pathname.replace(/\/+$/, ''), clientId: config.clientId, redirectUri: config.redirectUri };
}
