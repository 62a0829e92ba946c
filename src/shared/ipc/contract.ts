// The one IPC contract: every channel the renderer may invoke, with its request and response schemas, and every
// event main may push. Main's wrapper validates each request against it before a handler runs; the preload and the
// renderer's `DesktopApi` type are derived from it, so the three cannot drift apart. The token never appears here
// as a response: `auth.signIn` takes one, nothing ever returns one.
import { z } from 'zod';
import {
  account,
  asset,
  authStatus,
  childrenPage,
  conflictPolicy,
  empty,
  id,
  inAccount,
  localPath,
  MAX_PATHS_PER_ENQUEUE,
  name,
  preflight,
  project,
  settings,
  uploadRow,
  uploadSelection,
  workspace,
} from './schemas';

const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({ request, response });

export const invokeChannels = {
  'auth:status': channel(empty, authStatus),
  'auth:signIn': channel(z.object({ token: z.string().min(8).max(4096), apiUrl: z.string().url().max(2048).optional() }).strict(), authStatus),
  'auth:signOut': channel(empty, authStatus),
  'auth:useSandbox': channel(empty, authStatus),
  /** "Sign in with Adobe": main makes the attempt (state and PKCE verifier stay in main), opens the system browser on
   * the authorize page, and answers the page's host; the outcome comes as auth:changed (signed in, or adobe.error).
   * For a Frame.io account at `apiUrl` (default V4) with the configured credential, or for the sandbox's own sign-in
   * server (`sandbox: true`). */
  'auth:adobeSignIn': channel(z.object({ apiUrl: z.string().url().max(2048).optional(), sandbox: z.boolean().optional() }).strict(), z.object({ host: z.string() })),
  /** Stops waiting for the browser (the attempt's redirect is refused from now on), clears the last error, and answers
   * a "sign in again" with no (the paused uploads stay paused). */
  'auth:adobeCancel': channel(empty, authStatus),

  'browse:accounts': channel(empty, z.array(account)),
  'browse:workspaces': channel(z.object({ accountId: id }).strict(), z.array(workspace)),
  'browse:projects': channel(z.object({ accountId: id, workspaceId: id }).strict(), z.array(project)),
  'browse:sharedProjects': channel(empty, z.array(project)),
  'browse:children': channel(z.object({ folderId: id, accountId: inAccount, cursor: z.string().max(2048).nullable(), pageSize: z.number().int().min(1).max(500).optional() }).strict(), childrenPage),
  'browse:createFolder': channel(z.object({ parentId: id, accountId: inAccount, name }).strict(), asset),

  'uploads:preflight': channel(z.object({ paths: z.array(localPath).min(1).max(MAX_PATHS_PER_ENQUEUE), folderId: id, accountId: inAccount }).strict(), preflight),
  'uploads:enqueue': channel(
    z
      .object({
        paths: z.array(localPath).min(1).max(MAX_PATHS_PER_ENQUEUE),
        folderId: id,
        accountId: inAccount,
        onConflict: conflictPolicy.optional(),
        versionOf: id.optional(),
      })
      .strict(),
    z.object({ batchId: z.string(), fileIds: z.array(z.number().int()) }),
  ),
  'uploads:pause': channel(uploadSelection, empty),
  'uploads:resume': channel(uploadSelection, empty),
  'uploads:cancel': channel(uploadSelection, empty),
  'uploads:retry': channel(uploadSelection, empty),
  'uploads:list': channel(empty, z.array(uploadRow)),

  'files:pick': channel(z.object({ kind: z.enum(['files', 'folder']) }).strict(), z.object({ paths: z.array(localPath) })),
  'files:reveal': channel(z.object({ path: localPath }).strict(), empty),

  'settings:get': channel(empty, settings),
  'settings:set': channel(settings.partial().strict(), settings),
} as const;

/** Pushed from main: progress batched and throttled (≈4/s), state changes at once. */
export const eventChannels = {
  'uploads:progress': z.object({ rows: z.array(uploadRow) }),
  'uploads:state': z.object({ row: uploadRow }),
  'auth:changed': authStatus,
  'network:changed': z.object({ online: z.boolean() }),
  /** Something the person should know that is not one file's state (e.g. the journal cannot be written). */
  'uploads:warning': z.object({ message: z.string() }),
  /** Frame.io answered 429: requests wait this long before the next try ("resuming in 8 s"). */
  'service:slowDown': z.object({ waitSeconds: z.number().nonnegative() }),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const isInvokeChannel = (value: unknown): value is InvokeChannel => typeof value === 'string' && Object.hasOwn(invokeChannels, value);

export class IpcRequestError extends Error {
  override readonly name = 'IpcRequestError';
}

/** What main's wrapper runs before any handler: an unknown channel or a malformed payload is refused, with a clear
 * message and no side effect. */
export function parseRequest<C extends InvokeChannel>(channelName: C, payload: unknown): z.output<(typeof invokeChannels)[C]['request']> {
  if (!isInvokeChannel(channelName)) throw new IpcRequestError(`unknown channel "${String(channelName)}"`);
  const result = invokeChannels[channelName].request.safeParse(payload ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new IpcRequestError(`${channelName}: invalid request (${issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'malformed'})`);
  }
  return result.data as z.output<(typeof invokeChannels)[C]['request']>;
}
