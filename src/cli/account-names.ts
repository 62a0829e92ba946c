// V4 names an account in every URL, so a failed lookup is a failed lookup *in an account*: these say which one, by
// name, and what to do when --account named the wrong one. V2 ids need no account (accountOf is null there).
import { FrameioError } from '../core/frameio/errors';
import type { Account } from '../core/frameio/types';
import { CliError, explain, failure } from './cli-error';
import { printable } from './format';
import type { Session } from './session';
import { ferryCommand } from './invocation';

/** `account "Second Studio" (id)`, or `account id` when the user cannot see it. */
export function accountLabel(accountId: string, accounts: readonly Account[] | null): string {
  const account = accounts?.find((a) => a.id === accountId);
  return account ? `account "${printable(account.name)}" (${accountId})` : `account ${accountId}`;
}

/** The account an id was found in, as words ('' on V2 or when not known); one call to list the accounts. */
export async function accountOfLabel(session: Session, id: string): Promise<string> {
  const accountId = session.client.accountOf(id);
  if (!accountId) return '';
  return accountLabel(accountId, await session.client.listAccounts().catch(() => null));
}

/** The error for a failed lookup of `what id`: on V4 it names the account looked in, and after a 404 with --account,
 * whether that account is one of the user's at all. */
export async function lookupFailure(session: Session, error: unknown, what: string, id: string): Promise<CliError> {
  const accountId = session.client.accountOf(id);
  if (!(error instanceof FrameioError) || error.kind !== 'not_found' || !accountId) return failure(error, `${what} ${id}`);
  const accounts = await session.client.listAccounts().catch(() => null);
  let hint = '';
  if (session.accountId) {
    hint = accounts && !accounts.some((a) => a.id === accountId)
      ? ` You have no account ${accountId}: \`${ferryCommand()} whoami\` lists yours, or leave out --account and Ferry finds the one that holds it.`
      : ' Leave out --account and Ferry looks for it in each of your accounts.';
  }
  return new CliError(`${explain(error, `${what} ${id} in ${accountLabel(accountId, accounts)}`)}${hint}`, 1, { cause: error });
}
