// `ferry login` and `ferry logout`: an Adobe sign-in kept in the OS keychain (one entry: access token, refresh token,
// expiry, and which sign-in server and client issued them), or removed from it and ended at Adobe. The sign-in is
// the browser's; the terminal prints the address and takes back the redirect pasted from the browser (paste-sign-in).
import { revokeAtIms } from '../../core/auth/ims-revoke';
import { parseStoredCredential, serializeCredential } from '../../core/auth/stored-credential';
import { createClient } from '../../core/frameio/create-client';
import { CliError, explain } from '../cli-error';
import { formatExpiry, printable } from '../format';
import { keychainStore, writableKeychain } from '../keychain-access';
import { pasteSignIn, terminalIo } from '../paste-sign-in';
import type { GlobalOptions } from '../session';
import { signInTarget } from '../sign-in-target';

export async function login(options: GlobalOptions): Promise<void> {
  if (options.tokenStdin) throw new CliError('ferry login reads the address the browser was sent to from stdin: --token-stdin does not go with it.', 2);
  const target = await signInTarget(options);
  try {
    const config = target.imsConfig();
    const store = await writableKeychain(); // before the browser: a sign-in with nowhere to keep it is wasted
    const credential = await pasteSignIn(config, terminalIo()).catch((error: unknown) => {
      throw new CliError(`Not signed in: ${explain(error)}`);
    });
    if (!credential) throw new CliError('Not signed in: nothing was pasted.');
    const me = await createClient({ apiUrl: target.apiUrl, token: credential.accessToken })
      .me()
      .catch(async (error: unknown) => {
        if (credential.refreshToken) await revokeAtIms(config, credential.refreshToken, 'refresh_token');
        throw new CliError(`Signed in at Adobe, but Frame.io at ${target.apiUrl} did not accept the sign-in (${explain(error)}); nothing was kept.`);
      });
    const replaced = parseStoredCredential((await store.get(target.keychainKey).catch(() => null)) ?? '');
    await store.set(target.keychainKey, serializeCredential(credential)).catch((error: unknown) => {
      throw new CliError(`Signed in, but the OS keychain would not keep the sign-in: ${explain(error)}`);
    });
    // The sign-in this one replaces is ended at Adobe (best effort), not left alive with nobody holding it.
    if (replaced?.kind === 'adobe' && replaced.refreshToken) await revokeAtIms(target.sandboxIms ?? replaced, replaced.refreshToken, 'refresh_token');
    if (options.json) {
      console.log(JSON.stringify({ signed_in: true, method: 'adobe', api: target.apiUrl, user: { id: me.id, name: me.name, email: me.email }, expires_at: new Date(credential.expiresAt).toISOString(), renews: credential.refreshToken !== null }));
      return;
    }
    console.log(`Signed in with Adobe as ${printable(me.name)} <${printable(me.email)}> on ${target.label}.`);
    console.log(
      `Kept in the OS keychain. The access token expires ${formatExpiry(credential.expiresAt)}; ` +
        (credential.refreshToken ? 'Ferry renews it by itself.' : `Adobe gave no refresh token, so run \`${target.command} login\` again then.`),
    );
  } finally {
    await target.close();
  }
}

export async function logout(options: GlobalOptions): Promise<void> {
  const target = await signInTarget(options);
  try {
    const store = await keychainStore();
    const stored = await store.get(target.keychainKey).catch((error: unknown) => {
      throw new CliError(`Cannot look in the OS keychain (${explain(error)}), so there is no sign-in to remove here.`);
    });
    const say = (text: string, fields: Record<string, unknown>) =>
      console.log(options.json ? JSON.stringify({ api: target.apiUrl, ...fields }) : text);
    if (stored === null) {
      say(`No sign-in is kept for ${target.label}: nothing to do.`, { signed_out: false, had_sign_in: false });
      return;
    }
    const credential = parseStoredCredential(stored);
    let revoked: boolean | null = null;
    if (credential?.kind === 'adobe' && credential.refreshToken) {
      revoked = await revokeAtIms(target.sandboxIms ?? credential, credential.refreshToken, 'refresh_token');
    }
    await store.delete(target.keychainKey).catch((error: unknown) => {
      throw new CliError(`Could not remove the sign-in from the OS keychain: ${explain(error)}`);
    });
    const atAdobe =
      revoked === true ? ', and the Adobe sign-in is ended (its refresh token revoked)'
        : revoked === false ? '; the Adobe sign-in server could not be told, so its refresh token lapses on its own'
          : '';
    const what = credential?.kind === 'adobe' ? 'Adobe sign-in' : 'token';
    say(`Signed out of ${target.label}: the ${what} is removed from the OS keychain${atAdobe}.`, { signed_out: true, had_sign_in: true, revoked });
  } finally {
    await target.close();
  }
}
