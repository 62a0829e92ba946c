// `ferry whoami`: who the token belongs to and the accounts it reaches (on V4 every id lives in one of them, and
// --account names one).
import { failure } from '../cli-error';
import { printable } from '../format';
import type { Session } from '../session';

export async function whoami(session: Session, json: boolean): Promise<void> {
  const [me, accounts] = await Promise.all([session.client.me(), session.client.listAccounts()]).catch((error: unknown) => {
    throw failure(error);
  });
  // V2 says which account is the user's own; V4 does not (the --account given, or the only one).
  const accountId = me.accountId ?? session.accountId ?? (accounts.length === 1 ? (accounts[0]?.id ?? null) : null);
  if (json) {
    console.log(JSON.stringify({ id: me.id, name: me.name, email: me.email, account_id: accountId, accounts: accounts.map((a) => ({ id: a.id, name: a.name })), api: session.apiUrl }));
    return;
  }
  console.log(`${printable(me.name)} <${printable(me.email)}>  (user ${me.id}${me.accountId ? `, account ${me.accountId}` : ''})  on ${session.apiUrl}`);
  console.log(accounts.length === 1 ? 'Account:' : `Accounts (${accounts.length}; pick one with --account <id>, or let Ferry find the one that holds a folder):`);
  for (const a of accounts) console.log(`  ${a.id}  ${printable(a.name)}${a.id === session.accountId ? '  ← --account' : ''}`);
  if (session.accountId && !accounts.some((a) => a.id === session.accountId)) console.log(`--account ${session.accountId} is not one of them.`);
}
