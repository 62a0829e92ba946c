// `ferry upload <path...> --to <asset-id>` (or `--version-of <asset-id>`): pre-flight scan, folder mirroring with
// reuse, the conflict policy, then the engine; ends with the batch report.
import path from 'node:path';
import type { ConflictPolicy } from '../../core/upload/journal';
import { DEFAULT_CONFLICT_POLICY } from '../../core/upload/remote-plan';
import { scanPaths } from '../../core/upload/scan';
import { runWithTerminal } from '../batch-run';
import { accountOfLabel, lookupFailure } from '../account-names';
import { CliError, failure } from '../cli-error';
import { engineForCli, signInOf } from '../engine-for-cli';
import { formatBytes, printable } from '../format';
import { lastThroughput } from '../throughput-memory';
import type { Session } from '../session';
import { isOneFile, NEW_VERSION_NOT_ONE_FILE } from '../../shared/upload-rules';

export interface UploadOptions {
  to?: string;
  versionOf?: string;
  onConflict?: ConflictPolicy;
  concurrency?: number;
  report?: string;
  json: boolean;
}

/** The folder a new version must be uploaded into, and the asset to stack onto (a stack when there is one). */
async function versionTarget(session: Session, assetId: string) {
  const asset = await session.client.getAsset(assetId).catch(async (error: unknown) => {
    throw await lookupFailure(session, error, 'asset', assetId);
  });
  if (asset.type === 'folder') throw new CliError(`--version-of ${assetId} is a folder ("${printable(asset.name)}"); it must be a file or a version stack.`, 2);
  if (!asset.parentId) throw new CliError(`--version-of ${assetId}: Frame.io did not say which folder it is in.`);
  const parent = await session.client.getAsset(asset.parentId).catch((error: unknown) => {
    throw failure(error, `folder ${asset.parentId}, where ${assetId} is`);
  });
  // A file inside a version stack: stack onto the stack, upload into the stack's folder (you cannot upload into a stack).
  if (parent.type === 'version_stack') {
    if (!parent.parentId) throw new CliError(`--version-of ${assetId}: its version stack has no folder.`);
    return { assetId: parent.id, parentId: parent.parentId, name: parent.name };
  }
  return { assetId: asset.id, parentId: asset.parentId, name: asset.name };
}

/** "Skipping 1 system file: .DS_Store" — only the names actually skipped (a few, then how many more). */
export function junkLine(paths: readonly string[]): string {
  const names = [...new Set(paths.map((p) => path.basename(p)))];
  const shown = names.slice(0, 3).map(printable).join(', ') + (names.length > 3 ? `, … (${names.length - 3} more names)` : '');
  return `Skipping ${paths.length} system file${paths.length === 1 ? '' : 's'}: ${shown}.`;
}

export async function upload(session: Session, paths: string[], options: UploadOptions): Promise<number> {
  const say = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  if (options.to && options.versionOf) throw new CliError('Use either --to or --version-of, not both.', 2);
  let targetId: string;
  let versionOf: { assetId: string; parentId: string } | undefined;
  if (options.versionOf) {
    versionOf = await versionTarget(session, options.versionOf);
    targetId = versionOf.parentId;
  } else {
    const to = options.to ?? session.sandboxRootId;
    if (!to) throw new CliError('ferry upload needs --to <asset-id>: a folder or a project root asset id.', 2);
    const target = await session.client.getAsset(to).catch(async (error: unknown) => {
      throw await lookupFailure(session, error, 'asset', to);
    });
    if (target.type !== 'folder') throw new CliError(`--to ${to} is a ${target.type} ("${printable(target.name)}"); it must be a folder or a project root.`, 2);
    targetId = target.id;
    // V4: the account the folder was found in (the only one, the one that holds it, or --account); the batch's
    // journal keeps it, so `ferry resume` goes straight there.
    const account = options.json ? '' : await accountOfLabel(session, target.id);
    say(`Destination: "${printable(target.name)}" (${target.id})${account ? ` in ${account}` : ''}.`);
  }

  const scan = await scanPaths(paths);
  for (const problem of scan.problems) say(`✖ ${problem.message}`);
  if (scan.skippedJunk.length) say(junkLine(scan.skippedJunk));
  if (versionOf && !isOneFile({ files: scan.files.length, folders: scan.folders.length })) {
    throw new CliError(`--version-of: ${NEW_VERSION_NOT_ONE_FILE}`, 2);
  }
  if (scan.files.length === 0 && scan.folders.length === 0) {
    const problems = scan.problems.map((p) => p.message);
    throw new CliError(problems.length ? 'Nothing to upload.' : 'Nothing to upload: no files given.', 1, { details: { problems } });
  }
  // Which files are there already is known only once the destination is read: this line counts what was given.
  say(
    `Found ${scan.files.length} file(s), ${formatBytes(scan.totalBytes)}${scan.folders.length ? ` in ${scan.folders.length} folder(s)` : ''}` +
      (versionOf ? `, to go up as a new version of ${versionOf.assetId}.` : '.'),
  );

  const { engine, controller, view } = engineForCli(session, { ...options, expectedBytesPerSec: await lastThroughput() });
  return runWithTerminal(
    engine,
    controller,
    () =>
      engine.upload({
        scan,
        targetFolderId: targetId,
        onConflict: options.onConflict ?? DEFAULT_CONFLICT_POLICY,
        ...(versionOf ? { versionOf } : {}),
      }),
    { json: options.json, pacer: session.client.pacer, signIn: signInOf(session), command: session.command, ...(options.report ? { reportFile: options.report } : {}) },
    view,
  );
}
