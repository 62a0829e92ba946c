import { explain } from '../cli-error';
import type { Session } from '../session';

export async function whoami(session: Session, json: boolean): Promise<void> {
  const me = await session.client.me().catch((error: unknown) => {
    throw new Error(explain(error));
  });
  if (json) {
    console.log(JSON.stringify({ id: me.id, name: me.name, email: me.email, account_id: me.accountId, api: session.apiUrl }));
  } else {
    console.log(`${me.name} <${me.email}>  (user ${me.id}, account ${me.accountId ?? '—'})  on ${session.apiUrl}`);
  }
}
