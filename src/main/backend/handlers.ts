// The IPC contract's channels, each mapped onto the piece that does the work: sign-in to the sign-in store, browsing
// to the signed-in client, uploads to the engine session, settings to the settings store, the file dialog and the
// file manager to the functions Electron (or a test) passed in. Requests arrive already validated (dispatch).
import path from 'node:path';
import { DEFAULT_API_URL } from '../../core/frameio/create-client';
import { scanPaths } from '../../core/upload/scan';
import { isOneFile, NEW_VERSION_NOT_ONE_FILE } from '../../shared/upload-rules';
import type { Handlers } from '../ipc/register-handlers';
import type { AdobeSignIn } from './adobe-sign-in';
import { checkApiUrl } from './api-origins';
import type { PathGrants } from './path-grants';
import { checkLocalPaths, preflight } from './preflight';
import type { SettingsStore } from './settings-store';
import type { SignInStore } from './sign-in-store';
import { assetToContract, projectToContract } from './to-contract';

export interface HandlerDeps {
  signIn: SignInStore;
  adobe: AdobeSignIn;
  settings: SettingsStore;
  pickPaths: (kind: 'files' | 'folder') => Promise<string[]>;
  reveal: (path: string) => Promise<void>;
  /** What was dropped on the window or picked in its dialog: the only paths it may upload. */
  grants: PathGrants;
  /** Where FERRY_API_ORIGINS is read (the origins besides Frame.io's and this computer's that may be signed in to). */
  env: NodeJS.ProcessEnv;
}

type EnqueueRequest = Parameters<Handlers['uploads:enqueue']>[0];

export function createHandlers({ signIn, adobe, settings, pickPaths, reveal, env, grants }: HandlerDeps): Handlers {
  /** Every file this app was asked to upload (absolute, resolved): the only ones it shows in the file manager. */
  const uploaded = new Set<string>();
  /** The API a sign-in is for, checked before any token or browser goes there (review finding 1). */
  const apiFor = (apiUrl: string | undefined) => {
    const url = apiUrl ?? DEFAULT_API_URL;
    checkApiUrl(url, env);
    return url;
  };
  const client = () => signIn.signedIn().client;
  const session = () => signIn.signedIn().session;
  /** The client for a call about `ids`, told the account the window found them under. What the client learned from
   * Frame.io itself wins over what a window says (a stale tree); V2 ignores accounts. */
  const clientIn = (accountId: string | null | undefined, ...ids: string[]) => {
    const c = client();
    if (accountId) for (const assetId of ids) if (c.accountOf(assetId) === null) c.placeInAccount(assetId, accountId);
    return c;
  };

  /** A drop: re-validated and scanned here, named after its folder, then handed to the engine. */
  const enqueue = async ({ paths, folderId, accountId, onConflict, versionOf }: EnqueueRequest) => {
    const { session: into } = signIn.signedIn();
    const from = clientIn(accountId, folderId, ...(versionOf ? [versionOf] : []));
    checkLocalPaths(paths);
    grants.check(paths);
    const scan = await scanPaths(paths);
    if (scan.files.length === 0 && scan.folders.length === 0) throw new Error(scan.problems[0]?.message ?? 'nothing to upload');
    if (versionOf && !isOneFile({ files: scan.files.length, folders: scan.folders.length })) throw new Error(NEW_VERSION_NOT_ONE_FILE);
    const folder = await from.getAsset(folderId);
    // The scan and the lookup take time: a drop read under one session is not started in another.
    if (session() !== into) throw new Error('The account changed while this drop was being read. Drop it again.');
    for (const file of scan.files) uploaded.add(path.resolve(file.path));
    grants.redeem(paths);
    return into.enqueue(
      {
        scan,
        targetFolderId: folderId,
        onConflict: onConflict ?? settings.get().onConflict,
        ...(versionOf ? { versionOf: { assetId: versionOf, parentId: folderId } } : {}),
      },
      folder.name,
    );
  };

  return {
    'auth:status': async () => signIn.status(),
    'auth:signIn': async ({ token, apiUrl }) => signIn.signIn(apiFor(apiUrl), token),
    'auth:signOut': () => signIn.signOut(),
    'auth:useSandbox': () => signIn.useSandbox(),
    'auth:adobeSignIn': async ({ apiUrl, sandbox }) => adobe.begin({ apiUrl: sandbox ? undefined : apiFor(apiUrl), sandbox }),
    'auth:adobeCancel': async () => (adobe.cancel(), signIn.status()),

    'browse:accounts': async () => client().listAccounts(),
    'browse:workspaces': async ({ accountId }) => client().listWorkspaces(accountId),
    'browse:projects': async ({ accountId, workspaceId }) => (await client().listProjects({ id: workspaceId, accountId, name: '' })).map((p) => projectToContract(p, accountId)),
    // A shared project lives in another account (V4: the one that invited us), which the client learned listing it.
    'browse:sharedProjects': async () => {
      const c = client();
      return (await c.listSharedProjects()).map((p) => projectToContract(p, c.accountOf(p.rootFolderId)));
    },
    'browse:children': async ({ folderId, accountId, cursor, pageSize }) => {
      const page = await clientIn(accountId, folderId).listChildrenPage(folderId, cursor, pageSize);
      return { items: page.items.map(assetToContract), next: page.next, total: page.total };
    },
    'browse:createFolder': async ({ parentId, accountId, name }) => assetToContract(await clientIn(accountId, parentId).createFolder(parentId, name)),

    'uploads:preflight': async ({ paths, folderId, accountId }) => {
      checkLocalPaths(paths);
      grants.check(paths);
      return preflight(clientIn(accountId, folderId), paths, folderId);
    },
    'uploads:enqueue': enqueue,
    'uploads:pause': async ({ ids, batchId }) => {
      const s = session();
      s.engine.pause(s.select(ids, batchId));
      return {};
    },
    'uploads:resume': async ({ ids, batchId }) => {
      const s = session();
      s.engine.resume(s.select(ids, batchId));
      return {};
    },
    'uploads:cancel': async ({ ids, batchId }) => {
      const s = session();
      s.engine.cancel(s.select(ids, batchId));
      return {};
    },
    'uploads:retry': async ({ ids, batchId }) => (session().retry(ids, batchId), {}),
    'uploads:list': async () => rowsOf(signIn),

    'files:pick': async ({ kind }) => {
      const paths = await pickPaths(kind);
      grants.grant(paths); // main's own dialog: what the person chose there may be uploaded
      return { paths };
    },
    'files:reveal': async ({ path: shown }) => {
      // Only a file it uploaded, named by its absolute path: the renderer cannot point the file manager anywhere else.
      if (!path.isAbsolute(shown) || !uploaded.has(path.resolve(shown))) throw new Error('Ferry shows only files it uploaded.');
      await reveal(path.resolve(shown));
      return {};
    },

    'settings:get': async () => settings.get(),
    'settings:set': async (patch) => settings.patch(patch),
  };
}

/** Every queue row of the live session (none when signed out). */
export function rowsOf(signIn: SignInStore) {
  const state = signIn.current;
  return state.kind === 'signedIn' ? state.session.rows.rows() : [];
}
