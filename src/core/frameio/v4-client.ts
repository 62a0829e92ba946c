// FrameioClient over the V4 API (frameio-api.md "V4", reference/frameio-v4-openapi.json): account-scoped routes,
// {"data": …} bodies, cursor pages followed through `links.next` verbatim, `local_upload` with a size per part URL,
// completion through the files list (5/s) or the status call, version stacks made from two files and appended to
// with `move`. Every call names the rate bucket of its operation, so the session's pacer keeps each published limit.
import { type ApiHttp, type ApiHttpOptions, createApiHttp, type HttpMethod } from './api-http';
import { FrameioError } from './errors';
import { PageGuard } from './page-guard';
import { parse } from './parse';
import type { Asset, ChildrenPage, CreateFileRequest, FrameioClient, Project, UploadState, UploadTarget, Workspace } from './types';
import { AccountScope, type AssetKind } from './v4-accounts';
import { assetFromV4, v4Account, v4Asset, v4Data, v4File, v4FileWithUploadUrls, v4Folder, v4List, v4Project, v4UploadStatus, v4User, v4VersionStack, v4Workspace, type V4Asset } from './v4-schemas';
import type { Pacer } from '../net/pacer';
import type { z } from 'zod';

export const DEFAULT_V4_API_URL = 'https://api.frame.io/v4';
/** Asset lists take page_size 1–500 (the spec): big folders in few calls. Other lists take 1–100. */
export const V4_ASSET_PAGE_SIZE = 500;
export const V4_LIST_PAGE_SIZE = 100;
/** A developer token (fio-u-…) works on V4 only with this header (frameio-api.md "V4 sign-in"). */
export const LEGACY_TOKEN_HEADER = 'x-frameio-legacy-token-auth';

/** One bucket per published limit (the spec's "Rate Limits" line of each operation). */
const BUCKET = {
  me: 'v4:me', accounts: 'v4:accounts', workspaces: 'v4:workspaces', projects: 'v4:projects', invited: 'v4:invited_projects',
  children: 'v4:folders.index', filesList: 'v4:files.list', foldersList: 'v4:folders.list', stacksList: 'v4:version_stacks.list', folderShow: 'v4:folders.show', fileShow: 'v4:files.show',
  stackShow: 'v4:version_stacks.show', stackChildren: 'v4:version_stacks.index', folderCreate: 'v4:folders.create', localUpload: 'v4:files.create_local_upload',
  remoteUpload: 'v4:files.create_remote_upload', status: 'v4:files.show_file_upload_status', stackCreate: 'v4:version_stacks.create',
  move: 'v4:files.move', fileDelete: 'v4:files.delete', folderDelete: 'v4:folders.delete',
} as const;

export const isLegacyToken = (token: string): boolean => token.startsWith('fio-u-');
const legacyHeaders = (token: string): Record<string, string> => (isLegacyToken(token) ? { [LEGACY_TOKEN_HEADER]: 'true' } : {});

const SHOW: Record<AssetKind, { path: string; bucket: string; schema: z.ZodType<V4Asset> }> = {
  folder: { path: 'folders', bucket: BUCKET.folderShow, schema: v4Folder },
  file: { path: 'files', bucket: BUCKET.fileShow, schema: v4File },
  version_stack: { path: 'version_stacks', bucket: BUCKET.stackShow, schema: v4VersionStack },
};

export class V4Client implements FrameioClient {
  readonly apiVersion = 'v4' as const;
  private readonly http: ApiHttp;
  private readonly basePath: string;
  private readonly scope = new AccountScope();
  private accountIds: Promise<string[]> | null = null;
  /** The asset the last account look-up found (getAsset right after it needs no second read). */
  private lastFound: Asset | null = null;

  constructor(options: (ApiHttpOptions | { http: ApiHttp; baseUrl: string }) & { accountId?: string | null }) {
    this.http = 'http' in options ? options.http : createApiHttp({ ...options, headersFor: legacyHeaders });
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    this.scope.prefer(options.accountId ?? null);
  }

  get pacer(): Pacer {
    return this.http.pacer;
  }

  setToken(token: string) {
    this.http.setToken(token);
  }

  accountOf(assetId: string): string | null {
    return this.scope.accountOf(assetId);
  }

  placeInAccount(assetId: string, accountId: string): void {
    this.scope.remember(assetId, accountId);
  }

  /** Ids nobody placed are taken to be in this account (the CLI's --account). */
  useAccount(accountId: string | null): void {
    this.scope.prefer(accountId);
  }

  private async call(method: HttpMethod, path: string, bucket: string, json?: unknown): Promise<unknown> {
    try {
      return (await this.http.request(method, path, { bucket, ...(json === undefined ? {} : { json }) })).body;
    } catch (error) {
      if (error instanceof FrameioError && error.kind === 'unauthorized' && /not linked to an Adobe ID/i.test(error.message)) {
        throw new FrameioError('unauthorized', `${error.message}. Sign in once at frame.io with your Adobe ID (or ask your Frame.io admin to link your user to it), then try again with a new token.`, 401, error.details);
      }
      throw error;
    }
  }

  /** Every page of a list, following `links.next` verbatim. */
  private async all<T extends z.ZodType>(first: string, bucket: string, item: T, what: string): Promise<Array<z.infer<T>>> {
    const items: Array<z.infer<T>> = [];
    const guard = new PageGuard(what);
    for (let next: string | null = first; next !== null; ) {
      const page: { data: Array<z.infer<T>>; links: { next: string | null } } = parse(v4List(item), await this.call('GET', next, bucket), what);
      items.push(...page.data);
      next = guard.more(page.data.map((x) => (x as { id: string }).id), page.links.next) ? this.relative(page.links.next as string) : null;
    }
    return items;
  }

  /** A `links.next` is a path under the API ("/v4/accounts/…?after=…") or a URL on it: as a path under our base. */
  private relative(link: string): string {
    const url = new URL(link, 'http://api.invalid');
    const path = `${url.pathname}${url.search}`;
    if (!path.startsWith(`${this.basePath}/`)) throw new FrameioError('bad_response', `Frame.io gave a next-page link outside the API (${url.pathname})`);
    return path.slice(this.basePath.length + 1);
  }

  private async account(assetId: string): Promise<string> {
    return this.scope.resolve(
      assetId,
      () => (this.accountIds ??= this.listAccounts().then((all) => all.map((a) => a.id))),
      async (accountId) => {
        for (const kind of ['folder', 'file', 'version_stack'] as const) {
          const found = await this.show(accountId, assetId, kind).catch(nullIfNotFound);
          if (found) {
            this.lastFound = found;
            return kind;
          }
        }
        return null;
      },
    );
  }

  private async show(accountId: string, id: string, kind: AssetKind): Promise<Asset> {
    const { path, bucket, schema } = SHOW[kind];
    const asset = assetFromV4(parse(v4Data(schema), await this.call('GET', `accounts/${enc(accountId)}/${path}/${enc(id)}`, bucket), `GET /${path}/{id}`).data);
    this.scope.remember(id, accountId, kind);
    return asset;
  }

  private learn(accountId: string, assets: V4Asset[]): Asset[] {
    for (const a of assets) this.scope.remember(a.id, accountId, a.type);
    return assets.map(assetFromV4);
  }

  async me() {
    const u = parse(v4Data(v4User), await this.call('GET', 'me', BUCKET.me), 'GET /me').data;
    return { id: u.id, name: u.name ?? '', email: u.email ?? '', accountId: null };
  }

  async listAccounts() {
    const accounts = await this.all(`accounts?page_size=${V4_LIST_PAGE_SIZE}`, BUCKET.accounts, v4Account, 'GET /accounts');
    return accounts.map((a) => ({ id: a.id, name: a.display_name ?? a.id }));
  }

  async listWorkspaces(accountId: string): Promise<Workspace[]> {
    const all = await this.all(`accounts/${enc(accountId)}/workspaces?page_size=${V4_LIST_PAGE_SIZE}`, BUCKET.workspaces, v4Workspace, 'GET /accounts/{id}/workspaces');
    return all.map((w) => ({ id: w.id, accountId, name: w.name ?? w.id }));
  }

  private projects(accountId: string, projects: Array<z.infer<typeof v4Project>>, shared: boolean): Project[] {
    return projects.map((p) => {
      this.scope.remember(p.root_folder_id, accountId, 'folder');
      return { id: p.id, name: p.name ?? p.id, workspaceId: p.workspace_id, rootFolderId: p.root_folder_id, shared };
    });
  }

  async listProjects(workspace: Workspace) {
    const path = `accounts/${enc(workspace.accountId)}/workspaces/${enc(workspace.id)}/projects?page_size=${V4_LIST_PAGE_SIZE}`;
    return this.projects(workspace.accountId, await this.all(path, BUCKET.projects, v4Project, 'GET /workspaces/{id}/projects'), false);
  }

  /** V4's nearest to "shared with me": the projects each account invited this user to. */
  async listSharedProjects() {
    const shared: Project[] = [];
    for (const account of await this.listAccounts()) {
      const path = `accounts/${enc(account.id)}/invited_projects?page_size=${V4_LIST_PAGE_SIZE}`;
      shared.push(...this.projects(account.id, await this.all(path, BUCKET.invited, v4Project, 'GET /invited_projects'), true));
    }
    return shared;
  }

  async getAsset(id: string) {
    const accountId = await this.account(id);
    // Finding the account just read this asset: one round trip less before an upload's first byte.
    const fresh = this.lastFound?.id === id ? this.lastFound : null;
    this.lastFound = null;
    if (fresh) return fresh;
    const known = this.scope.kindOf(id);
    if (known) return this.show(accountId, id, known);
    for (const kind of ['folder', 'file', 'version_stack'] as const) {
      const found = await this.show(accountId, id, kind).catch(nullIfNotFound);
      if (found) return found;
    }
    throw new FrameioError('not_found', `Asset ${id} not found`, 404);
  }

  async listChildrenPage(folderId: string, cursor?: string | null, pageSize = V4_ASSET_PAGE_SIZE): Promise<ChildrenPage> {
    const accountId = await this.account(folderId);
    const size = Math.max(1, pageSize);
    const page = (first: string, bucket: string) => async () => {
      const body = await this.call('GET', cursor ? this.relative(cursor) : `${first}&include_total_count=true`, bucket);
      const { data, links, total_count } = parse(v4List(v4Asset), body, 'GET /{folders|version_stacks}/{id}/children');
      return { items: this.learn(accountId, data), next: links.next, total: total_count };
    };
    return this.folderOrStack(accountId, folderId,
      page(`accounts/${enc(accountId)}/folders/${enc(folderId)}/children?page_size=${Math.min(V4_ASSET_PAGE_SIZE, size)}`, BUCKET.children),
      page(`accounts/${enc(accountId)}/version_stacks/${enc(folderId)}/children?page_size=${Math.min(V4_LIST_PAGE_SIZE, size)}`, BUCKET.stackChildren));
  }

  /** Everything in a folder, for the engine (folders to reuse, names that clash): three lists limited to 5/s each
   * rather than `children`, limited to 100/min (1.7/s) — a tree of many folders is not held up by it. A version
   * stack's versions come from its own children list (V2 lists them as the stack's children too). */
  async listChildren(folderId: string) {
    const accountId = await this.account(folderId);
    const under = `accounts/${enc(accountId)}/folders/${enc(folderId)}`;
    const versions = `accounts/${enc(accountId)}/version_stacks/${enc(folderId)}/children?page_size=${V4_LIST_PAGE_SIZE}`;
    return this.folderOrStack(
      accountId,
      folderId,
      async () => {
        const [folders, files, stacks] = await Promise.all([
          this.all(`${under}/folders?page_size=${V4_ASSET_PAGE_SIZE}`, BUCKET.foldersList, v4Folder, 'GET /folders/{id}/folders'),
          this.all(`${under}/files?page_size=${V4_ASSET_PAGE_SIZE}`, BUCKET.filesList, v4File, 'GET /folders/{id}/files'),
          this.all(`${under}/version_stacks?page_size=${V4_ASSET_PAGE_SIZE}`, BUCKET.stacksList, v4VersionStack, 'GET /folders/{id}/version_stacks'),
        ]);
        return this.learn(accountId, [...folders, ...files, ...stacks]);
      },
      async () => this.learn(accountId, await this.all(versions, BUCKET.stackChildren, v4File, 'GET /version_stacks/{id}/children')),
    );
  }

  /** `asFolder`, unless the id is a version stack: known as one, or found to be one after the folder route's 404. */
  private async folderOrStack<T>(accountId: string, id: string, asFolder: () => Promise<T>, asStack: () => Promise<T>): Promise<T> {
    if (this.scope.kindOf(id) === 'version_stack') return asStack();
    try {
      return await asFolder();
    } catch (error) {
      if (this.scope.kindOf(id) !== null || !isNotFound(error)) throw error;
      if (!(await this.show(accountId, id, 'version_stack').catch(nullIfNotFound))) throw error;
      return asStack();
    }
  }

  /** The files list is limited to 5/s where children is 100/min: it is what confirms many uploads at once. */
  async listFiles(folderId: string) {
    const accountId = await this.account(folderId);
    const path = `accounts/${enc(accountId)}/folders/${enc(folderId)}/files?page_size=${V4_ASSET_PAGE_SIZE}`;
    return this.learn(accountId, await this.all(path, BUCKET.filesList, v4File, 'GET /folders/{id}/files'));
  }

  async uploadState(fileId: string): Promise<UploadState> {
    const accountId = await this.account(fileId);
    const body = await this.call('GET', `accounts/${enc(accountId)}/files/${enc(fileId)}/status`, BUCKET.status);
    const status = parse(v4Data(v4UploadStatus), body, 'GET /files/{id}/status').data;
    if (status.upload_failed) throw new FrameioError('server', `Frame.io reports that the upload of file ${fileId} failed`);
    return { id: status.id, complete: status.upload_complete, xxHash: null };
  }

  async createFolder(parentId: string, name: string) {
    const accountId = await this.account(parentId);
    const body = await this.call('POST', `accounts/${enc(accountId)}/folders/${enc(parentId)}/folders`, BUCKET.folderCreate, { data: { name } });
    return this.learn(accountId, [parse(v4Data(v4Folder), body, 'POST /folders/{id}/folders').data])[0] as Asset;
  }

  async createFile(parentId: string, request: CreateFileRequest): Promise<UploadTarget> {
    if (request.size < 1) throw new FrameioError('invalid', `${request.name} is empty (0 bytes): Frame.io V4 cannot store an empty file`, 422);
    const accountId = await this.account(parentId);
    // The media type is the server's to decide: sending one is a 422 (frameio-api.md "Local upload").
    const body = await this.call('POST', `accounts/${enc(accountId)}/folders/${enc(parentId)}/files/local_upload`, BUCKET.localUpload, { data: { name: request.name, file_size: request.size } });
    const created = parse(v4Data(v4FileWithUploadUrls), body, 'POST /folders/{id}/files/local_upload').data;
    const covered = created.upload_urls.reduce((n, part) => n + part.size, 0);
    if (covered !== request.size) {
      throw new FrameioError('bad_response', `Frame.io's ${created.upload_urls.length} upload URLs for ${request.name} cover ${covered} bytes, but the file has ${request.size}; nothing was sent`);
    }
    const [asset] = this.learn(accountId, [created]);
    return { asset: asset as Asset, contentType: created.media_type ?? 'application/octet-stream', parts: created.upload_urls };
  }

  async importRemote(parentId: string, url: string, name?: string) {
    const accountId = await this.account(parentId);
    const fallbackName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'import');
    const body = await this.call('POST', `accounts/${enc(accountId)}/folders/${enc(parentId)}/files/remote_upload`, BUCKET.remoteUpload, { data: { name: name ?? fallbackName, source_url: url } });
    return this.learn(accountId, [parse(v4Data(v4File), body, 'POST /folders/{id}/files/remote_upload').data])[0] as Asset;
  }

  /** A file becomes a new stack with the new file on top; a stack gets the new file moved into it. */
  async addVersion(targetId: string, newFileId: string) {
    const accountId = await this.account(targetId);
    const target = await this.getAsset(targetId);
    if (target.type === 'version_stack') {
      await this.call('PATCH', `accounts/${enc(accountId)}/files/${enc(newFileId)}/move`, BUCKET.move, { data: { parent_id: targetId } });
      return this.show(accountId, targetId, 'version_stack');
    }
    if (!target.parentId) throw new FrameioError('invalid', `${target.name} has no folder to stack versions in`);
    const body = await this.call('POST', `accounts/${enc(accountId)}/folders/${enc(target.parentId)}/version_stacks`, BUCKET.stackCreate, { data: { file_ids: [targetId, newFileId] } });
    return this.learn(accountId, [parse(v4Data(v4VersionStack), body, 'POST /folders/{id}/version_stacks').data])[0] as Asset;
  }

  async deleteAsset(id: string) {
    const accountId = await this.account(id);
    const kind = this.scope.kindOf(id) ?? (await this.getAsset(id)).type;
    const [path, bucket] = kind === 'folder' ? ['folders', BUCKET.folderDelete] : ['files', BUCKET.fileDelete];
    await this.call('DELETE', `accounts/${enc(accountId)}/${path}/${enc(id)}`, bucket);
  }
}

const enc = encodeURIComponent;
const isNotFound = (error: unknown): boolean => error instanceof FrameioError && error.kind === 'not_found';
const nullIfNotFound = (error: unknown): Promise<null> => (isNotFound(error) ? Promise.resolve(null) : Promise.reject(error));
