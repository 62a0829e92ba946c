import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

// The authorize page: plain HTML, a form that works without JavaScript, no script at all. The Content-Security-Policy
// allows the one stylesheet below (by hash), form posts to this server and the redirect that follows them (Chrome
// applies form-action to the redirect too), and no framing (the Allow button must not be clickjacked).

const STYLE = 'body{font:16px/1.45 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}' +
  'h1{font-size:1.35rem}ul{padding-left:1.2rem}.actions{display:flex;gap:.75rem;margin-top:1.5rem}' +
  'button{font:inherit;padding:.5rem 1.4rem;border-radius:6px;border:1px solid #888;background:#fff;cursor:pointer}' +
  'button[value=allow]{background:#1a5fd0;border-color:#1a5fd0;color:#fff}.note{color:#666;font-size:.85rem;margin-top:2rem}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

const SCOPE_WORDS: Record<string, string> = {
  openid: 'confirm who you are',
  AdobeID: 'use your Adobe ID',
  profile: 'see your name',
  email: 'see your email address',
  offline_access: 'stay signed in (a refresh token)',
  additional_info: 'see more about your account',
  'additional_info.roles': 'see your roles',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function document(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="same-origin"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;
}

/**
 * `formTargets`: where the page's form may go (CSP form-action) besides this server, i.e. the redirect URI's
 * origin or scheme. Pages without a form pass none.
 */
export function sendPage(res: ServerResponse, status: number, title: string, body: string, formTargets: string[] = []): void {
  const html = document(title, body);
  const formAction = formTargets.length > 0 ? `'self' ${formTargets.join(' ')}` : "'none'";
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the form's POST.
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  res.end(html);
}

export interface ConsentView {
  userName: string;
  clientId: string;
  scopes: string[];
  redirectUri: string;
  formToken: string;
  action: string;
}

export function consentBody(v: ConsentView): string {
  const asks = v.scopes.map((s) => `<li>${escapeHtml(SCOPE_WORDS[s] ?? s)}</li>`).join('');
  return `<h1>Sign in to the Ferry sandbox as ${escapeHtml(v.userName)}</h1>
<p><strong>${escapeHtml(v.clientId)}</strong> asks to:</p>
<ul>${asks}</ul>
<form method="post" action="${escapeHtml(v.action)}">
<input type="hidden" name="request" value="${escapeHtml(v.formToken)}">
<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div>
</form>
<p class="note">Either way you go back to ${escapeHtml(v.redirectUri)}. This is the Ferry sandbox's stand-in for Adobe's sign-in page: no password, nothing leaves this computer.</p>`;
}

export function errorBody(problem: string): string {
  return `<h1>Sign-in to the Ferry sandbox failed</h1>\n<p>${escapeHtml(problem)}</p>\n<p>Start the sign-in again from the app.</p>`;
}
