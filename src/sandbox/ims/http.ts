import type { IncomingMessage, ServerResponse } from 'node:http';

/** A token-endpoint failure in OAuth's (and Adobe's) shape: {"error","error_description"}. */
export class ImsError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

export const invalidRequest = (d: string): ImsError => new ImsError(400, 'invalid_request', d);
export const invalidGrant = (d: string): ImsError => new ImsError(400, 'invalid_grant', d);
/** RFC 6749 §5.2: 401 for a client that failed to identify itself. */
export const invalidClient = (d: string): ImsError => new ImsError(401, 'invalid_client', d);

// Forms are a few hundred bytes; anything far bigger is not a sign-in.
const MAX_FORM_BYTES = 16 * 1024;

/**
 * The request's application/x-www-form-urlencoded body as single values. Another content type, an oversized body or
 * a parameter sent twice (RFC 6749 §3.1) is `invalid_request`.
 */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw invalidRequest('the body must be application/x-www-form-urlencoded');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw invalidRequest('the request body is too large');
    chunks.push(chunk as Buffer);
  }
  return singleValues(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Query or form parameters as a map; a name given twice is `invalid_request`. */
export function singleValues(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of params) {
    if (out.has(name)) throw invalidRequest(`${name} is given more than once`);
    out.set(name, value);
  }
  return out;
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function sendOAuthJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...NO_STORE, ...headers, 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sendOAuthError(res: ServerResponse, err: ImsError): void {
  // RFC 6749 §5.2: a 401 names the authentication scheme the client may use (a public client has none but its id).
  const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Basic realm="ims-sandbox"' } : {};
  sendOAuthJson(res, err.status, { error: err.error, error_description: err.message }, headers);
}

/** A 302 to `target` with `params` added to its query (the redirect URI may carry a query of its own). */
export function redirectWith(res: ServerResponse, target: string, params: Record<string, string | undefined>): void {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  const location = `${target}${target.includes('?') ? '&' : '?'}${query.toString()}`;
  res.writeHead(302, { ...NO_STORE, location, 'referrer-policy': 'no-referrer', 'content-length': '0' });
  res.end();
}
