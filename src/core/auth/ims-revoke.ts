// Signing out at Adobe as well as here (RFC 7009, `POST {ims}/ims/revoke`): the refresh token presented ends its
// sign-in, so a copy of it left anywhere is useless. Best effort: the keychain entry is removed whatever this says.
import got from 'got';
import type { ImsConfig } from './ims-config';

const REVOKE_TIMEOUT_MS = 10_000;

/** True when the sign-in server took the revocation; false when it could not be reached or refused. Never throws,
 * and nothing of the token ends up in a message. */
export async function revokeAtIms(config: Pick<ImsConfig, 'imsUrl' | 'clientId'>, token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean> {
  try {
    const response = await got.post(`${config.imsUrl}/ims/revoke`, {
      form: { token, token_type_hint: hint, client_id: config.clientId },
      headers: { accept: 'application/json', 'user-agent': 'ferry/0.1' },
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: REVOKE_TIMEOUT_MS },
    });
    return response.statusCode === 200;
  } catch {
    return false;
  }
}
