// The `ferry` command: headless uploads for scripts and ingest machines, over the same core as the desktop app.
import './heap-growth'; // first: before anything fills the heap
import { Command, InvalidArgumentError } from 'commander';
import { CliError, explain, tokenAdvice, unauthorizedBehind } from './cli-error';
import { ls } from './commands/ls';
import { sandbox } from './commands/sandbox';
import { importUrl } from './commands/import';
import { cancel, resume, status } from './commands/journaled';
import { upload } from './commands/upload';
import type { ConflictPolicy } from '../core/upload/journal';
import { login, logout } from './commands/login';
import { whoami } from './commands/whoami';
import { type GlobalOptions, openSession, otherVersionUrl, type Session } from './session';
import { printable } from './format';
import { checkReportPath } from './report-file';
import { atTerminal } from './paste-sign-in';
import { readHidden } from './token-prompt';
import { jsonFailure, usageMessage, wantsJson } from './json-output';
import { npmHint, npmSwallowedFlags } from './npm-flags';
import packageJson from '../../package.json' with { type: 'json' };

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

function conflictPolicy(value: string): ConflictPolicy {
  if (value === 'skip' || value === 'rename' || value === 'version') return value;
  throw new InvalidArgumentError('must be skip, rename or version');
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0–65535');
  return n;
}

/** What a 401 should say: which API refused the token and whether the other version takes it (a V2-only token on V4). */
async function unauthorizedAdvice(session: Session, error: unknown): Promise<unknown> {
  const unauthorized = unauthorizedBehind(error);
  if (!unauthorized) return error;
  if (session.auth.method === 'adobe') {
    const ended = session.auth.adobe.ended();
    const what = ended ? `Your Adobe sign-in has ended (${ended})` : `Frame.io refused the Adobe sign-in (401: ${printable(unauthorized.message)})`;
    return new CliError(`${what}: run \`${session.command} login\` to sign in again.`);
  }
  if (session.sandboxRootId) return error;
  const on = session.client.apiVersion;
  const other = on === 'v4' ? 'v2' : 'v4';
  return new CliError(tokenAdvice(unauthorized, session.apiUrl, on, await session.tokenWorksOn(other), otherVersionUrl(session.apiUrl, other)));
}

/** A token refused at start, on a terminal: ask for another (not echoed), as a 401 mid-upload does; null = stop. */
async function askForToken(session: Session, globals: GlobalOptions, error: unknown): Promise<string | null> {
  if (globals.json || session.auth.method !== 'token' || !unauthorizedBehind(error) || !atTerminal()) return null;
  const answer = await readHidden('Frame.io rejected the token (401). Paste a new token to continue (it is not shown), or press Enter to stop: ');
  return answer?.trim() || null;
}

async function withSession<T>(program: Command, job: (session: Session, globals: GlobalOptions) => Promise<T>): Promise<T> {
  const globals = program.opts<GlobalOptions>();
  const session = await openSession(globals, (line) => {
    if (!globals.json) process.stderr.write(`${line}\n`);
  });
  try {
    for (let asked = 0; ; asked++) {
      try {
        return await job(session, globals);
      } catch (error) {
        const fresh = asked < 3 ? await askForToken(session, globals, error) : null;
        if (!fresh) throw await unauthorizedAdvice(session, error);
        session.client.setToken(fresh); // nothing happened yet (the 401 came first): do it again with this token
      }
    }
  } finally {
    await session.close();
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ferry')
    .description('Upload files and folders to Frame.io — or to a local sandbox that needs no account.')
    .version(packageJson.version, '-V, --version', "print Ferry's version")
    .option('--api <url>', 'Frame.io API base URL: https://api.frame.io/v4 (the default, or env FRAMEIO_API) or the legacy …/v2')
    .option('--token <token>', 'Frame.io access token or developer token — visible to other users in `ps`: prefer FRAMEIO_TOKEN or --token-stdin')
    .option('--token-stdin', 'read the token from stdin (typed without echo at a terminal, or piped: `ferry --token-stdin upload … < token-file`)')
    .option('--token-fd <n>', 'read the token from this open file descriptor (e.g. `--token-fd 3 3< token-file`)', nonNegativeInt)
    .option('--account <id>', 'V4: the account that holds the ids you give (see `ferry whoami`); without it Ferry finds the account that holds them')
    .option('--sandbox', 'start a local sandbox in-process and use it (its V4 API)')
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('sandbox')
    .description('run the local Frame.io-compatible sandbox until Ctrl-C')
    .option('--port <n>', 'API port (default: a free one)', port)
    .option('--data <dir>', 'where its state and stored parts live')
    .option('--reset', 'wipe the data folder and reseed the demo data')
    .option('--s3-endpoint <url>', 'keep parts on this external S3 server instead')
    .option('--s3-access-key <key>', 'access key for --s3-endpoint')
    .option('--s3-secret-key <key>', 'secret key for --s3-endpoint')
    .option('--s3-bucket <name>', 'bucket for --s3-endpoint (created when missing)')
    .option('--part-size <bytes>', 'target part size; the part count follows the file size', positiveInt)
    .option('--url-expires <seconds>', 'lifetime of upload URLs (default 86400)', positiveInt)
    .option('--faults <spec>', 'inject faults, e.g. "put503=0.1,putReset=0.05,api429=0.05,seed=7"')
    .option('--limits <mode>', 'rate limits: generous (default) or frameio (the published V2 and V4 limits, enforced)')
    .option('--part-plan <plan>', 'how V4 local_upload splits a file: even (default), short-first or random')
    .option('--completion-lag <ms>', 'time between the last part stored and the file showing as uploaded', nonNegativeInt)
    .option('--ims-token-lifetime <duration>', 'lifetime of the access tokens its Adobe-like sign-in issues, e.g. 30s or 5m (default 24h)')
    .action(async (opts) => {
      await sandbox({ ...opts, json: Boolean(program.opts<GlobalOptions>().json) });
    });

  program
    .command('login')
    .description('sign in with Adobe (V4): prints the sign-in address and opens it, then takes the address the browser is sent to, pasted back (or read from stdin); keeps the sign-in in the OS keychain')
    .addHelpText(
      'after',
      '\nA real account needs FERRY_IMS_CLIENT_ID and FERRY_IMS_REDIRECT_URI (an "OAuth Native App" credential from the Adobe\n' +
        'Developer Console; FERRY_IMS_URL for another sign-in server). `ferry --sandbox login` signs in to the local sandbox.\n' +
        'The sign-in renews itself; where there is no OS keychain, use FRAMEIO_TOKEN instead.',
    )
    .action(() => login(program.opts<GlobalOptions>()));

  program
    .command('logout')
    .description('remove the sign-in kept in the OS keychain for this API, and end it at Adobe')
    .action(() => logout(program.opts<GlobalOptions>()));

  program
    .command('whoami')
    .description('show who is signed in and how (Adobe sign-in, token, sandbox), and the accounts it reaches')
    .action(() => withSession(program, (session, g) => whoami(session, Boolean(g.json))));

  program
    .command('ls')
    .argument('[asset-id]', 'a folder or project root asset id (none: the accounts, workspaces and projects you can upload to, with their root folder ids)')
    .option('--tree', 'list every folder below, recursively')
    .description('list the contents of a folder (or the versions in a version stack)')
    .action((assetId: string | undefined, opts: { tree?: boolean }) =>
      withSession(program, (session, g) => ls(session, assetId, Boolean(opts.tree), Boolean(g.json))),
    );

  program
    .command('upload')
    .argument('<paths...>', 'files and folders to upload (folders keep their structure)')
    .option('--to <asset-id>', 'destination folder or project root asset id (default with --sandbox: the demo project)')
    .option('--version-of <asset-id>', 'upload one file as a new version of this asset (into its folder)')
    .option('--on-conflict <policy>', 'a file of the same name exists: skip (if same size), rename ("name (1).ext") or version', conflictPolicy)
    .option('--concurrency <n>', 'most parts in flight at once across all files (default 8; lowered automatically when throttled)', positiveInt)
    .option('--report <file>', 'also write the JSON report of the batch to this file')
    .description('upload files and folders (resumable: see `ferry resume`)')
    .action(async (paths: string[], opts: { to?: string; versionOf?: string; onConflict?: ConflictPolicy; concurrency?: number; report?: string }) => {
      await checkReportPath(opts.report);
      process.exitCode = await withSession(program, (session, g) => upload(session, paths, { ...opts, json: Boolean(g.json) }));
    });

  program
    .command('status')
    .description('list unfinished (journaled) uploads for this API')
    .action(() => withSession(program, (session, g) => status(session, Boolean(g.json))));

  program
    .command('resume')
    .argument('[batch-id]', 'one batch (default: every unfinished batch)')
    .option('--concurrency <n>', 'most parts in flight at once', positiveInt)
    .option('--report <file>', 'also write the JSON report to this file')
    .description('continue interrupted uploads: only parts not yet acknowledged are sent again')
    .action(async (batchId: string | undefined, opts: { concurrency?: number; report?: string }) => {
      await checkReportPath(opts.report);
      process.exitCode = await withSession(program, (session, g) => resume(session, batchId, { ...opts, json: Boolean(g.json) }));
    });

  program
    .command('cancel')
    .argument('<batch-id>', 'the batch to discard (see `ferry status`)')
    .description('discard an unfinished batch and remove its incomplete assets')
    .action((batchId: string) => withSession(program, (session, g) => cancel(session, batchId, Boolean(g.json))));

  program
    .command('import')
    .argument('<url>', 'an http(s) URL Frame.io should fetch')
    .option('--to <asset-id>', 'destination folder (default with --sandbox: the demo project)')
    .option('--name <name>', 'asset name (default: the last part of the URL)')
    .option('--no-wait', 'return once Frame.io took the request, without waiting for it to fetch the file')
    .description('import a file from a URL (Frame.io downloads it; Ferry waits until it has the file or says the fetch failed)')
    .action((url: string, opts: { to?: string; name?: string; wait: boolean }) => withSession(program, (session, g) => importUrl(session, url, { ...opts, json: Boolean(g.json) })));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const json = wantsJson(argv);
  const swallowed = npmSwallowedFlags();
  if (swallowed.length > 0) {
    process.stderr.write(`ferry: ${npmHint(swallowed)}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return;
    if (code?.startsWith('commander.')) {
      process.exitCode = 2; // commander already printed its message (on stderr)
      if (json) console.log(jsonFailure(usageMessage((error as Error).message), 2, { usage: true }));
      return;
    }
    const message = explain(error);
    process.stderr.write(`ferry: ${message.split('\n').map(printable).join('\n')}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
    if (json) console.log(jsonFailure(message, process.exitCode, error instanceof CliError ? error.details : {}));
  }
}
