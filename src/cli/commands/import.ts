// `ferry import <url> --to <asset-id>`: Frame.io fetches the file itself (the API's `source.url`); Ferry waits until
// Frame.io has it or says the fetch failed (--no-wait: returns once Frame.io took the request).
import { lookupFailure } from '../account-names';
import { CliError } from '../cli-error';
import { formatBytes, printable } from '../format';
import { waitForImport } from '../import-wait';
import type { Session } from '../session';

export interface ImportOptions {
  to?: string;
  name?: string;
  wait: boolean;
  json: boolean;
}

export async function importUrl(session: Session, url: string, options: ImportOptions): Promise<void> {
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
  if (!options.wait) {
    if (options.json) console.log(JSON.stringify({ ok: true, status: 'started', asset_id: asset.id, name: asset.name, url }));
    else console.log(`Frame.io is importing ${printable(url)} as "${printable(asset.name)}" (asset ${asset.id}); \`${session.command} ls ${to}\` shows when it is there.`);
    return;
  }
  const done = await waitForImport(session, asset, url, options.json);
  if (options.json) console.log(JSON.stringify({ ok: true, status: 'complete', asset_id: done.id, name: done.name, size: done.size, url }));
  else console.log(`Imported ${printable(url)} as "${printable(done.name)}"${done.size === null ? '' : `, ${formatBytes(done.size)}`} (asset ${done.id}).`);
}
