// An in-memory Frame.io for the engine's unit tests: a FrameioClient whose calls go through a real Pacer (so 401s,
// 429s and retries take the real path), and a part uploader that "stores" parts without a network. Tests script it:
// hold a part until told, fail a part or an API call once, expire a token. No sockets, no sleeps: waits in the pacer
// and the completion watcher take no time (`instantSleep`) unless a test says otherwise.
import { readFileSync } from 'node:fs';
import { API_RETRY_BUDGET, classifyApiFailure, type HttpMethod } from '../../src/core/frameio/api-http';
import { FrameioError } from '../../src/core/frameio/errors';
import type { Asset, ChildrenPage, CreateFileRequest, FrameioClient, UploadTarget } from '../../src/core/frameio/types';
import { NetworkGate, type Probe } from '../../src/core/net/network-gate';
import { Pacer } from '../../src/core/net/pacer';
import { type PartFailure, PartUploadError } from '../../src/core/upload/part-error';
import type { PartPutRequest, PartUploader } from '../../src/core/upload/part-uploader';

export const instantSleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
  signal?.aborted ? Promise.reject(signal.reason as Error) : new Promise((resolve) => setImmediate(resolve));

interface StoredAsset extends Asset {
  parts: number;
  received: Set<number>;
  children: string[];
}

interface HeldPart {
  request: PartPutRequest;
  release: () => void;
  fail: (failure: PartFailure) => void;
}

export interface FakeOptions {
  partSize?: number;
  probe?: Probe;
  token?: string;
}

export class FakeFrameio implements FrameioClient {
  readonly apiVersion = 'v2' as const;
  readonly pacer: Pacer;
  readonly root: string;
  /** Every API call by name, in order. */
  readonly calls: string[] = [];
  /** Every part PUT attempt as "assetId/index", in order. */
  readonly puts: string[] = [];
  readonly held: HeldPart[] = [];
  private readonly assets = new Map<string, StoredAsset>();
  private readonly partSize: number;
  private validToken: string;
  private nextId = 0;
  private holdParts = false;
  private readonly partFailures: Array<{ match: (req: PartPutRequest) => boolean; failure: PartFailure }> = [];
  private readonly apiFailures: Array<{ name: string; error: () => Error }> = [];
  private readonly apiHolds: Array<{ name: string; gate: Promise<void> }> = [];

  constructor(options: FakeOptions = {}) {
    this.partSize = options.partSize ?? 4;
    this.validToken = options.token ?? 'good-token';
    this.pacer = new Pacer({ token: this.validToken, sleep: instantSleep, network: new NetworkGate(options.probe ?? (async () => true), instantSleep) });
    this.root = this.store({ name: 'root', type: 'folder', parentId: null, size: null }).id;
  }

  // ---- scripting -------------------------------------------------------------------------------------------------
  /** From now on part PUTs wait in `held` until released or failed (a test's way of being "mid-part"). */
  holdPartsFromNowOn(hold = true): void {
    this.holdParts = hold;
  }

  /** The next PUT matching `match` fails with `failure`. */
  failNextPut(failure: PartFailure, match: (req: PartPutRequest) => boolean = () => true): void {
    this.partFailures.push({ match, failure });
  }

  /** The next API call named `name` (createFile, getAsset, …) fails with `error`. */
  failNextCall(name: string, error: () => Error): void {
    this.apiFailures.push({ name, error });
  }

  /** The next API call named `name` waits until the returned function is called (a test's way of being "mid-call"). */
  holdNextCall(name: string): () => void {
    let release = () => {};
    this.apiHolds.push({ name, gate: new Promise<void>((resolve) => (release = resolve)) });
    return () => release();
  }

  /** The token in use stops working (401) until `acceptToken` names a new one. */
  expireToken(): void {
    this.validToken = `expired-${this.validToken}`;
  }

  acceptToken(token: string): void {
    this.validToken = token;
  }

  asset(id: string): StoredAsset | undefined {
    return this.assets.get(id);
  }

  /** Files under a folder, by name (version stacks included). */
  childrenOf(folderId: string): StoredAsset[] {
    return (this.assets.get(folderId)?.children ?? []).map((id) => this.assets.get(id) as StoredAsset);
  }

  // ---- FrameioClient -------------------------------------------------------------------------------------------
  setToken(token: string): void {
    this.pacer.credentials.setToken(token);
  }

  me = () => this.call('me', 'GET', () => ({ id: 'u1', name: 'Test', email: 't@example.com', accountId: 'acc' }));
  listAccounts = () => this.call('listAccounts', 'GET', () => [{ id: 'acc', name: 'Account' }]);
  listWorkspaces = () => this.call('listWorkspaces', 'GET', () => [{ id: 'ws', accountId: 'acc', name: 'Workspace' }]);
  listProjects = () => this.call('listProjects', 'GET', () => [{ id: 'p', name: 'Project', workspaceId: 'ws', rootFolderId: this.root, shared: false }]);
  listSharedProjects = () => this.call('listSharedProjects', 'GET', () => []);
  getAsset = (id: string) => this.call('getAsset', 'GET', () => this.view(this.need(id)));
  listChildren = (folderId: string) => this.call('listChildren', 'GET', () => this.need(folderId).children.map((id) => this.view(this.need(id))));
  listFiles = async (folderId: string) => (await this.listChildren(folderId)).filter((a) => a.type === 'file');
  uploadState = async (fileId: string) => {
    const asset = await this.getAsset(fileId);
    return { id: asset.id, complete: asset.uploadComplete, xxHash: asset.xxHash };
  };
  accountOf = () => null;
  placeInAccount = () => {};
  listChildrenPage = async (folderId: string): Promise<ChildrenPage> => {
    const items = await this.listChildren(folderId);
    return { items, next: null, total: items.length };
  };
  createFolder = (parentId: string, name: string) =>
    this.call('createFolder', 'POST', () => this.view(this.store({ name, type: 'folder', parentId, size: null })));
  createFile = (parentId: string, request: CreateFileRequest) =>
    this.call('createFile', 'POST', (): UploadTarget => {
      const count = Math.max(1, Math.ceil(request.size / this.partSize));
      const asset = this.store({ name: request.name, type: 'file', parentId, size: request.size, parts: count });
      const parts = Array.from({ length: count }, (_, i) => ({ url: `fake://${asset.id}/${i}`, size: Math.min(this.partSize, request.size - i * this.partSize) }));
      return { asset: this.view(asset), contentType: request.mediaType, parts };
    });
  importRemote = () => this.call('importRemote', 'POST', (): Asset => { throw new Error('not in the fake'); });
  addVersion = (targetId: string, newFileId: string) =>
    this.call('addVersion', 'POST', () => {
      const target = this.need(targetId);
      const added = this.need(newFileId);
      let stack = target;
      if (target.type !== 'version_stack') {
        stack = this.store({ name: target.name, type: 'version_stack', parentId: target.parentId, size: null });
        this.move(target, stack.id);
      }
      this.move(added, stack.id);
      return this.view(stack);
    });
  deleteAsset = (id: string) =>
    this.call('deleteAsset', 'DELETE', () => {
      const asset = this.need(id);
      const parent = asset.parentId ? this.assets.get(asset.parentId) : undefined;
      if (parent) parent.children = parent.children.filter((c) => c !== id);
      this.assets.delete(id);
    });

  /** The engine's part uploader for this fake: no network, scripted outcomes. */
  readonly putPart: PartUploader = (request) => {
    const [, assetId = '', index = '0'] = /^fake:\/\/([^/]+)\/(\d+)$/.exec(request.url) ?? [];
    this.puts.push(`${assetId}/${index}`);
    if (request.signal?.aborted) return Promise.reject(new PartUploadError({ kind: 'aborted' }));
    // The real uploader streams the range from disk through onChunk (hashing a one-part file on the way): so do we,
    // also before a scripted failure, as a part that fails half-way has been read half-way.
    if (request.onChunk) request.onChunk(readFileSync(request.path).subarray(request.start, request.end));
    const scripted = this.partFailures.findIndex((f) => f.match(request));
    if (scripted >= 0) {
      const { failure } = this.partFailures.splice(scripted, 1)[0] as { failure: PartFailure };
      return Promise.reject(new PartUploadError(failure));
    }
    const deliver = () => {
      request.onProgress?.(request.end - request.start);
      this.assets.get(assetId)?.received.add(Number(index));
    };
    if (!this.holdParts) {
      deliver();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new PartUploadError({ kind: 'aborted' }));
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.held.push({
        request,
        release: () => {
          request.signal?.removeEventListener('abort', onAbort);
          deliver();
          resolve();
        },
        fail: (failure) => reject(new PartUploadError(failure)),
      });
    });
  };

  // ---- inside ----------------------------------------------------------------------------------------------------
  private call<T>(name: string, method: HttpMethod, answer: () => T): Promise<T> {
    return this.pacer.call({ bucket: 'fake', budget: API_RETRY_BUDGET, classify: (error) => classifyApiFailure(method, error) }, async (token) => {
      this.calls.push(name);
      const holding = this.apiHolds.findIndex((h) => h.name === name);
      if (holding >= 0) await (this.apiHolds.splice(holding, 1)[0] as { gate: Promise<void> }).gate;
      if (token !== this.validToken) throw new FrameioError('unauthorized', 'Invalid token', 401);
      const failing = this.apiFailures.findIndex((f) => f.name === name);
      if (failing >= 0) throw (this.apiFailures.splice(failing, 1)[0] as { error: () => Error }).error();
      return answer();
    });
  }

  private need(id: string): StoredAsset {
    const asset = this.assets.get(id);
    if (!asset) throw new FrameioError('not_found', `Asset ${id} not found`, 404);
    return asset;
  }

  private store(a: { name: string; type: Asset['type']; parentId: string | null; size: number | null; parts?: number }): StoredAsset {
    const id = `a${++this.nextId}`;
    const asset: StoredAsset = {
      id, name: a.name, type: a.type, parentId: a.parentId, projectId: 'p', size: a.size, mediaType: null, itemCount: null,
      uploadComplete: a.type !== 'file', originalUrl: null, xxHash: null, createdAt: null, updatedAt: null,
      parts: a.parts ?? 0, received: new Set(), children: [],
    };
    this.assets.set(id, asset);
    if (a.parentId) this.assets.get(a.parentId)?.children.push(id);
    return asset;
  }

  private move(asset: StoredAsset, parentId: string): void {
    const from = asset.parentId ? this.assets.get(asset.parentId) : undefined;
    if (from) from.children = from.children.filter((c) => c !== asset.id);
    asset.parentId = parentId;
    this.assets.get(parentId)?.children.push(asset.id);
  }

  private view(a: StoredAsset): Asset {
    const { parts, received, children, ...asset } = a;
    const complete = a.type !== 'file' || received.size === parts;
    return { ...asset, uploadComplete: complete, itemCount: a.type === 'file' ? null : children.length };
  }
}
