// Runtime schemas of what crosses the IPC boundary: the renderer's view of Frame.io and of the upload queue.
// Limits are deliberate: a compromised or buggy renderer must not be able to make main allocate without bound.
import { z } from 'zod';
import { UPLOAD_STATUSES } from '../upload-status';

export const MAX_ID_CHARS = 128;
export const MAX_NAME_CHARS = 1024;
export const MAX_PATH_CHARS = 4096;
/** One drop can be a whole card: generous, but bounded. */
export const MAX_PATHS_PER_ENQUEUE = 10_000;
export const MAX_IDS_PER_CONTROL = 100_000;

export const id = z.string().min(1).max(MAX_ID_CHARS);
export const name = z.string().min(1).max(MAX_NAME_CHARS);
export const localPath = z.string().min(1).max(MAX_PATH_CHARS);
export const empty = z.object({}).strict();

/** "Sign in with Adobe" (OAuth 2.0 + PKCE against Adobe IMS) as the window sees it: whether it is set up, the attempt
 * waiting for the browser, why the last one did not go through, and whether uploads wait for the person to sign in
 * again. Nothing secret: the state, the PKCE verifier, the code and the tokens stay in main. */
export const adobeStatus = z.object({
  /** Set up for Frame.io accounts (FERRY_IMS_* in the environment, or the settings). The sandbox's own sign-in
   * server works without it. */
  configured: z.boolean(),
  /** Where the set-up comes from (the environment wins over the settings). */
  configuredBy: z.enum(['environment', 'settings']).nullable(),
  /** Why the set-up cannot be used (an IMS address that is not https, a redirect URI that is not the app's scheme). */
  configProblem: z.string().nullable(),
  /** A sign-in waiting for the browser: the sign-in page's host, whether it is the sandbox's, and whether the redirect
   * came back and the sign-in is being finished. */
  waiting: z.object({ host: z.string(), sandbox: z.boolean(), finishing: z.boolean() }).nullable(),
  /** Why the last Adobe sign-in did not go through (denied, not started here, refused), until the next attempt. */
  error: z.string().nullable(),
  /** The Adobe sign-in of this session ended (its refresh was refused): uploads are paused (not failed) until the
   * person signs in again. */
  signInAgain: z.object({ reason: z.string(), paused: z.number().int().nonnegative() }).nullable(),
});

export const authStatus = z.object({
  signedIn: z.boolean(),
  apiUrl: z.string().nullable(),
  user: z.object({ id, name: z.string(), email: z.string() }).nullable(),
  sandbox: z.boolean(),
  /** False when no OS keychain is available: sign-in then lasts for this session only. */
  keychainAvailable: z.boolean(),
  /** True while start-up signs in with the saved token (the window shows "Connecting to Frame.io…"). */
  connecting: z.boolean().optional(),
  /** Why the saved token did not sign in at start-up, in words (no network, token no longer accepted). */
  problem: z.string().nullable().optional(),
  /** How this session signed in: with Adobe (renewed by itself), or a pasted token; null when not signed in. */
  signedInWith: z.enum(['adobe', 'token']).nullable().optional(),
  adobe: adobeStatus.optional(),
});

export const account = z.object({ id, name: z.string() });
export const workspace = z.object({ id, accountId: id, name: z.string() });
/** `accountId`: the account the project lives in (V4 names it in every URL; a shared project's is another one's),
 * null where the API does not say (V2's shared projects). */
export const project = z.object({ id, name: z.string(), workspaceId: id.nullable(), rootFolderId: id, shared: z.boolean(), accountId: id.nullable() });
/** The account a folder (or the file a version goes onto) is in, as the window knows it from its tree: main tells
 * the client before it calls V4, so every account-scoped URL names the right account at once. Optional: V2 needs
 * none, and main asks Frame.io where an id it was never told about lives. */
export const inAccount = id.nullable().optional();
export const asset = z.object({
  id,
  name: z.string(),
  type: z.enum(['file', 'folder', 'version_stack']),
  parentId: id.nullable(),
  size: z.number().nullable(),
  mediaType: z.string().nullable(),
  itemCount: z.number().nullable(),
  uploadComplete: z.boolean(),
  createdAt: z.string().nullable(),
});
export const childrenPage = z.object({ items: z.array(asset), next: z.string().nullable(), total: z.number().nullable() });

export const uploadStatus = z.enum(UPLOAD_STATUSES);

/** One row of the queue, as the renderer shows it. */
export const uploadRow = z.object({
  id: z.number().int().nonnegative(),
  batchId: z.string(),
  name: z.string(),
  destination: z.string(),
  size: z.number().nonnegative(),
  /** Acknowledged plus the bytes on the wire now: only the end of the bar's lighter "sending" part (decisions/0024). */
  sentBytes: z.number().nonnegative(),
  /** Bytes storage confirmed (parts whose PUT succeeded, as journaled): THE progress number, never lower than before. */
  acknowledgedBytes: z.number().nonnegative(),
  /** Of acknowledged bytes, smoothed. */
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  status: uploadStatus,
  retries: z.number().int().nonnegative(),
  assetId: id.nullable(),
  error: z.string().nullable(),
});

export const conflictPolicy = z.enum(['skip', 'rename', 'version']);

/** What a drop would do, shown before any byte moves: counts, size, what is skipped and which names clash. */
export const preflight = z.object({
  files: z.number().int().nonnegative(),
  folders: z.number().int().nonnegative(),
  totalBytes: z.number().nonnegative(),
  skippedJunk: z.number().int().nonnegative(),
  problems: z.array(z.string()),
  /** Dropped files whose name is already taken in the remote folder that mirrors theirs, at any depth, as paths
   * relative to the destination ("Cam A/B001.mov"): those taken by a different file first, then those already
   * there, each sorted; the first 50 (the counts in `existing` cover all). */
  clashes: z.array(z.string()),
  /** What the walk of the remote side found, at every depth (absent: not checked). */
  existing: z
    .object({
      /** Files already there: a complete file of the same name and size is in their folder ("Skip existing" skips
       * them, as the engine and `ferry upload --on-conflict skip` do). */
      identical: z.number().int().nonnegative(),
      /** Files whose name is taken there by something else (another size, or unfinished): "Skip existing" uploads
       * them beside it under the same name. */
      differing: z.number().int().nonnegative(),
      /** False when the walk stopped at its bound (too many folders): the counts cover the folders it listed. */
      checkedAll: z.boolean(),
    })
    .optional(),
});

/** Which uploads a control applies to: some files, one batch, or (neither given) everything. */
export const uploadSelection = z
  .object({
    ids: z.array(z.number().int().nonnegative()).max(MAX_IDS_PER_CONTROL).optional(),
    batchId: z.string().min(1).max(MAX_ID_CHARS).optional(),
  })
  .strict();

export const settings = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  partsInFlight: z.number().int().min(1).max(64),
  onConflict: conflictPolicy,
  /** "Sign in with Adobe": the OAuth Native App credential of the person's (or the publisher's) Adobe Developer
   * Console project — its client id and the redirect URI Adobe assigned (adobe+<hash>://…) — and the IMS address
   * ('' = Adobe's). '' = not set. FERRY_IMS_CLIENT_ID, FERRY_IMS_REDIRECT_URI and FERRY_IMS_URL win over these. */
  imsClientId: z.string().max(256),
  imsRedirectUri: z.string().max(2048),
  imsUrl: z.string().max(2048),
});

export type AuthStatus = z.infer<typeof authStatus>;
export type AdobeStatus = z.infer<typeof adobeStatus>;
export type UploadRow = z.infer<typeof uploadRow>;
export type Settings = z.infer<typeof settings>;
export type Preflight = z.infer<typeof preflight>;
export type Asset = z.infer<typeof asset>;
