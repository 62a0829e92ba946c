// API addresses as the session and its advice use them.
import type { ApiVersion } from '../core/frameio/create-client';

/** The API URL with its version segment replaced: `https://api.frame.io/v4` → `https://api.frame.io/v2`. */
export function otherVersionUrl(apiUrl: string, version: ApiVersion): string {
  return apiUrl.replace(/\/v[24]\/*$/, `/${version}`);
}
