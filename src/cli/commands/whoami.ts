// `ferry whoami`: who the token belongs to and the accounts it reaches (on V4 every id lives in one of them, and
// --account names one), and how this command signs in: an Adobe sign-in (when its token expires, whether it renews
// itself), a token (from where), or the sandbox's demo token.
import { failure } from '../cli-error';
import { formatExpiry, printable } from '../format';
import type { Session, SessionAuth } from '../session';

/** How the session signs in, for a person. */
export function howSignedIn(auth: SessionAuth, command: string, now: number = Date.now()): string {
  if (auth.method === 'sandbox') return "Signed in with the sandbox's demo token.";
  if (auth.method === 'token') {
    const from = auth.source === 'keychain' ? 'kept in the OS keychain' : `from ${auth.source}`;
    return `Signed in with a token ${from} (Ferry cannot renew a token: when it is refused, pass a new one).`;
  }
  const expiresAt = auth.adobe.expiresAt();
  const renewal = auth.adobe.refreshes() ? 'Ferry renews it by itself' : `it cannot be renewed: run \`${command} login\` then`;
  const token = expiresAt === null ? 'Its access token has no known expiry;' : `The access token expires ${formatExpiry(expiresAt, now)};`;
  return `Signed in with Adobe (kept in the OS keychain). ${token} ${renewal}.`;
}

/** The same, for --json. */
function authJson(auth: SessionAuth): Record<string, unknown> {
  if (auth.method !== 'adobe') return { method: auth.method, ...(auth.method === 'token' ? { source: auth.source } : {}) };
  const expiresAt = auth.adobe.expiresAt();
  return { method: 'adobe', expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(), renews: auth.adobe.refreshes() };
}

export async function whoami(session: Session, json: boolean): Promise<void> {
  const [me, accounts] = await Promise.all([session.client.me(), session.client.listAccounts()]).catch((error: unknown) => {
    throw failure(error);
  });
  // V2 says which account is the user's own; V4 does not (the --account given, or the only one).
  const accountId = me.accountId ?? session.accountId ?? (accounts.length === 1 ? (accounts[0]?.id ?? null) : null);
  if (json) {
    console.log(JSON.stringify({ id: me.id, name: me.name, email: me.email, account_id: accountId, accounts: accounts.map((a) => ({ id: a.id, name: a.name })), api: session.apiUrl, auth: authJson(session.auth) }));
    return;
  }
  console.log(`${printable(me.name)} <${printable(me.email)}>  (user ${me.id}${me.accountId ? `, account ${me.accountId}` : ''})  on ${session.apiUrl}`);
  console.log(howSignedIn(session.auth, session.command));
  console.log(accounts.length === 1 ? 'Account:' : `Accounts (${accounts.length}; pick one with --account <id>, or let Ferry find the one that holds a folder):`);
  for (const a of accounts) console.log(`  ${a.id}  ${printable(a.name)}${a.id === session.accountId ? '  ← --account' : ''}`);
  if (session.accountId && !accounts.some((a) => a.id === session.accountId)) console.log(`--account ${session.accountId} is not one of them.`);
}
