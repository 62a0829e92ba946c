// Drives the sandbox's sign-in server the way a browser without JavaScript would: GET the authorize page, read its
// form, press a button (a form POST), read the 302; and calls the token endpoint the way a native app does.
import { createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../../../src/sandbox/index.js';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(40).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const SCOPES = 'openid offline_access profile email additional_info.roles';

/** The authorize URL a client builds; `params` overrides or (with undefined) drops any parameter. */
export function authorizeUrl(sb: Sandbox, p: Pkce, state: string, params: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    client_id: sb.imsClientId, redirect_uri: sb.imsRedirectUri, response_type: 'code', scope: SCOPES, state,
    code_challenge: p.challenge, code_challenge_method: 'S256', ...params,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined) q.set(k, v);
  return `${sb.imsUrl}/ims/authorize/v2?${q.toString()}`;
}

/** No redirect is ever followed: every test reads the 302 itself. */
export { answer, forms, get, type HtmlForm, press, redirectOf } from '../../support/sign-in-page';
import { answer, redirectOf } from '../../support/sign-in-page';

export interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  id_token?: string;
  error?: string;
  error_description?: string;
}

export async function tokenCall(sb: Sandbox, form: Record<string, string>): Promise<{ status: number; body: TokenBody; headers: Headers }> {
  const res = await fetch(`${sb.imsUrl}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as TokenBody, headers: res.headers };
}

export interface SignedIn {
  code: string;
  verifier: string;
}

/** Allow on the page: the code and the verifier that goes with it. */
export async function signInCode(sb: Sandbox, params: Record<string, string | undefined> = {}): Promise<SignedIn> {
  const p = pkce();
  const res = await answer(authorizeUrl(sb, p, 'st', params), 'Allow');
  const code = redirectOf(res).params.code;
  if (res.status !== 302 || !code) throw new Error(`Allow answered ${res.status} ${res.headers.get('location')}`);
  return { code, verifier: p.verifier };
}

/** A whole sign-in: page, Allow, code exchange. */
export async function signIn(sb: Sandbox, params: Record<string, string | undefined> = {}): Promise<TokenBody> {
  const { code, verifier } = await signInCode(sb, params);
  const t = await tokenCall(sb, { grant_type: 'authorization_code', client_id: sb.imsClientId, code, code_verifier: verifier, redirect_uri: sb.imsRedirectUri });
  if (t.status !== 200) throw new Error(`code exchange answered ${t.status} ${JSON.stringify(t.body)}`);
  return t.body;
}

export const refresh = (sb: Sandbox, refreshToken: string): ReturnType<typeof tokenCall> =>
  tokenCall(sb, { grant_type: 'refresh_token', client_id: sb.imsClientId, refresh_token: refreshToken });

/** GET {api}/me with a bearer token: the status and the body. */
export async function me(url: string, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}
