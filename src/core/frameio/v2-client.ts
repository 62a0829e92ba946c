// FrameioClient over the V2 REST API (frameio-api.md, "V2"). Maps V2 shapes onto the version-neutral model.
import { z } from 'zod';
import { type ApiHttp, type ApiHttpOptions, createApiHttp } from './api-http';
import { PageGuard } from './page-guard';
import { parse } from './parse';
import type { Asset, ChildrenPage, CreateFileRequest, FrameioClient, Project, UploadState, UploadTarget, Workspace } from './types';
import { v2Account, v2Asset, v2CreatedFile, v2Project, v2Team, v2User, type V2Asset } from './v2-schemas';
import type { Pacer } from '../net/pacer';
import { partsFromUrls } from './v2-parts';

export const DEFAULT_V2_API_URL = 'https://api.frame.io/v2';
/** V2 pages: Frame.io caps page_size; 100 keeps requests few without hitting a cap. */
export const V2_PAGE_SIZE = 100;
export const V2_CHILDREN_PAGE_SIZE = V2_PAGE_SIZE;

function headerNumber(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Pages are 1-based; read until page == total-pages. Without the header, a full page means there may be more. */
function nextPage(page: number, count: number, headers: Record<string, string | string[] | undefined>, pageSize = V2_PAGE_SIZE): string | null {
  const totalPages = headerNumber(headers['total-pages']);
  const hasMore = totalPages !== null ? page < totalPages : count >= pageSize;
  return hasMore ? String(page + 1) : null;
}

export function assetFromV2(a: V2Asset): Asset {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    parentId: a.parent_id,
    projectId: a.project_id,
    size: a.filesize,
    mediaType: a.filetype,
    itemCount: a.item_count,
    uploadComplete: a.upload_completed_at !== null,
    originalUrl: a.original,
    xxHash: a.checksums?.xx_hash ?? null,
    createdAt: a.inserted_at,
    updatedAt: a.updated_at,
  };
}

const projectFromV2 = (p: z.infer<typeof v2Project>, shared: boolean): Project => ({
  id: p.id,
  name: p.name ?? p.id,
  workspaceId: p.team_id,
  rootFolderId: p.root_asset_id,
  shared,
});

/** V2's limits are a leaky bucket per user and kind of call (frameio-api.md): asset create, asset read, children. */
const BUCKET = { create: 'v2:create', read: 'v2:read', children: 'v2:children', other: 'v2:other' } as const;

export class V2Client implements FrameioClient {
  readonly apiVersion = 'v2' as const;
  private readonly http: ApiHttp;

  constructor(options: ApiHttpOptions | { http: ApiHttp }) {
    this.http = 'http' in options ? options.http : createApiHttp(options);
  }

  get pacer(): Pacer {
    return this.http.pacer;
  }

  setToken(token: string) {
    this.http.setToken(token);
  }

  async me() {
    const { body } = await this.http.request('GET', 'me', { bucket: BUCKET.other });
    const u = parse(v2User, body, 'GET /me');
    return { id: u.id, name: u.name ?? '', email: u.email ?? '', accountId: u.account_id };
  }

  async listAccounts() {
    return (await this.listAll('accounts', v2Account, 'GET /accounts', 'your accounts')).map((a) => ({
      id: a.id,
      name: a.display_name ?? a.name ?? a.id,
    }));
  }

  async listWorkspaces(accountId: string): Promise<Workspace[]> {
    const teams = await this.listAll(`accounts/${encodeURIComponent(accountId)}/teams`, v2Team, 'GET /accounts/{id}/teams', `the teams of ${accountId}`);
    return teams.map((t) => ({ id: t.id, accountId: t.account_id ?? accountId, name: t.name ?? t.id }));
  }

  async listProjects(workspace: Workspace) {
    const projects = await this.listAll(`teams/${encodeURIComponent(workspace.id)}/projects`, v2Project, 'GET /teams/{id}/projects', `the projects of ${workspace.name}`);
    return projects.map((p) => projectFromV2(p, false));
  }

  async listSharedProjects() {
    return (await this.listAll('projects/shared', v2Project, 'GET /projects/shared', 'the projects shared with you')).map((p) => projectFromV2(p, true));
  }

  /** Every page of a V2 list (V2 pages them all, not only children: docs/frameio-api.md "V2"), bounded by a PageGuard. */
  private async listAll<S extends z.ZodType<{ id: string }>>(path: string, schema: S, where: string, what: string): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    const guard = new PageGuard(what);
    for (let page = 1, more = true; more; page++) {
      const { body, headers } = await this.http.request('GET', path, { searchParams: { page, page_size: V2_PAGE_SIZE }, bucket: BUCKET.other });
      const items = parse(z.array(schema), body, where);
      all.push(...items);
      more = guard.more(items.map((item) => item.id), nextPage(page, items.length, headers));
    }
    return all;
  }

  async getAsset(id: string) {
    const { body } = await this.http.request('GET', `assets/${encodeURIComponent(id)}`, { bucket: BUCKET.read });
    return assetFromV2(parse(v2Asset, body, 'GET /assets/{id}'));
  }

  async listChildrenPage(folderId: string, cursor?: string | null, pageSize = V2_CHILDREN_PAGE_SIZE): Promise<ChildrenPage> {
    const page = cursor ? Number(cursor) : 1;
    const { body, headers } = await this.http.request('GET', `assets/${encodeURIComponent(folderId)}/children`, {
      searchParams: { page, page_size: pageSize },
      bucket: BUCKET.children,
    });
    const items = parse(z.array(v2Asset), body, 'GET /assets/{id}/children').map(assetFromV2);
    return { items, next: nextPage(page, items.length, headers, pageSize), total: headerNumber(headers.total) };
  }

  async listChildren(folderId: string) {
    const all: Asset[] = [];
    const guard = new PageGuard(`the children of ${folderId}`);
    for (let cursor: string | null = null, more = true; more; ) {
      const page: ChildrenPage = await this.listChildrenPage(folderId, cursor);
      all.push(...page.items);
      more = guard.more(page.items.map((a) => a.id), page.next);
      cursor = page.next;
    }
    return all;
  }

  async listFiles(folderId: string) {
    return (await this.listChildren(folderId)).filter((a) => a.type === 'file');
  }

  async uploadState(fileId: string): Promise<UploadState> {
    const asset = await this.getAsset(fileId);
    return { id: asset.id, complete: asset.uploadComplete, xxHash: asset.xxHash };
  }

  /** V2 URLs never name an account. */
  accountOf(): null {
    return null;
  }

  placeInAccount(): void {}

  async createFolder(parentId: string, name: string) {
    const { body } = await this.http.request('POST', `assets/${encodeURIComponent(parentId)}/children`, {
      json: { type: 'folder', name },
      bucket: BUCKET.create,
    });
    return assetFromV2(parse(v2Asset, body, 'POST /assets/{id}/children (folder)'));
  }

  async createFile(parentId: string, request: CreateFileRequest): Promise<UploadTarget> {
    const { body } = await this.http.request('POST', `assets/${encodeURIComponent(parentId)}/children`, {
      json: { type: 'file', name: request.name, filetype: request.mediaType, filesize: request.size },
      bucket: BUCKET.create,
    });
    const created = parse(v2CreatedFile, body, 'POST /assets/{id}/children (file)');
    const asset = assetFromV2(created);
    return {
      asset,
      contentType: created.filetype ?? request.mediaType,
      parts: partsFromUrls(request.size, created.upload_urls),
    };
  }

  async importRemote(parentId: string, url: string, name?: string) {
    const fallbackName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'import');
    const { body } = await this.http.request('POST', `assets/${encodeURIComponent(parentId)}/children`, {
      json: { type: 'file', name: name ?? fallbackName, source: { url } },
      bucket: BUCKET.create,
    });
    return assetFromV2(parse(v2Asset, body, 'POST /assets/{id}/children (remote import)'));
  }

  async addVersion(targetId: string, newFileId: string) {
    const { body } = await this.http.request('POST', `assets/${encodeURIComponent(targetId)}/version`, {
      json: { next_asset_id: newFileId },
      bucket: BUCKET.other,
    });
    return assetFromV2(parse(v2Asset, body, 'POST /assets/{id}/version'));
  }

  async deleteAsset(id: string) {
    await this.http.request('DELETE', `assets/${encodeURIComponent(id)}`, { bucket: BUCKET.other });
  }
}
