// `ferry import <url> --to <asset-id>`: Frame.io fetches the file itself (the API's `source.url`).
import { lookupFailure } from '../account-names';
import { CliError } from '../cli-error';
import { printable } from '../format';
import type { Session } from '../session';

export async function importUrl(session: Session, url: string, options: { to?: string; name?: string; json: boolean }): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`"${url}" is not a URL.`, 2);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new CliError('Only http(s) URLs can be imported.', 2);
  const to = options.to ?? session.sandboxRootId;
  if (!to) throw new CliError('ferry import needs --to <asset-id>.', 2);
  const asset = await session.client.importRemote(to, url, options.name).catch(async (error: unknown) => {
    throw await lookupFailure(session, error, 'folder', to);
  });
  if (options.json) console.log(JSON.stringify({ asset_id: asset.id, name: asset.name, url }));
  else console.log(`Frame.io is importing ${url} as "${printable(asset.name)}" (asset ${asset.id}).`);
}
