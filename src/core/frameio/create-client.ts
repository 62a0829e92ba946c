// Which API a session speaks is decided by its URL: `…/v2` is the legacy API, `…/v4` (the default, where accounts
// live now) the Adobe-era one. Same interface either way; the engine never asks which.
import { apiVersionOfUrl } from '../../shared/frameio-api';
import type { Pacer } from '../net/pacer';
import type { FrameioClient } from './types';
import { V2Client } from './v2-client';
import { DEFAULT_V4_API_URL, V4Client } from './v4-client';

export const DEFAULT_API_URL = DEFAULT_V4_API_URL;

export type { ApiVersion } from '../../shared/frameio-api';
/** The version an API URL speaks, from its last path segment; null when it names neither (one rule for all sides). */
export const apiVersionOf = apiVersionOfUrl;

export interface ClientOptions {
  apiUrl: string;
  token: string;
  /** V4: the account to look in first for ids nobody placed yet (the CLI's --account). */
  accountId?: string | null;
  /** Told about every wait Frame.io asked for (the window's banner, the CLI's line). */
  onSlowDown?: (waitMs: number) => void;
  pacer?: Pacer;
}

export function createClient(options: ClientOptions): FrameioClient {
  const version = apiVersionOf(options.apiUrl);
  if (!version) throw new Error(`${options.apiUrl} is not a Frame.io API address: it should end in /v4 (or /v2 for the legacy API)`);
  const common = { baseUrl: options.apiUrl, token: options.token, ...(options.onSlowDown ? { onRateLimited: options.onSlowDown } : {}), ...(options.pacer ? { pacer: options.pacer } : {}) };
  return version === 'v4' ? new V4Client({ ...common, accountId: options.accountId ?? null }) : new V2Client(common);
}
