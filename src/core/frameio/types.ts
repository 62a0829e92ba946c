// The client's domain model: what the CLI, the engine and the UI see. It is version-neutral on purpose: V2's
// account → team → project → asset and V4's account → workspace → project → folder map onto the same shapes
// (a V2 team is a workspace; a V2 root asset is a project's root folder), so V4 slots in behind FrameioClient.
import type { Pacer } from '../net/pacer';

export interface User {
  id: string;
  name: string;
  email: string;
  accountId: string | null;
}

export interface Account {
  id: string;
  name: string;
}

/** V2: a team. V4: a workspace. */
export interface Workspace {
  id: string;
  accountId: string;
  name: string;
}

export interface Project {
  id: string;
  name: string;
  workspaceId: string | null;
  rootFolderId: string;
  shared: boolean;
}

export type AssetType = 'file' | 'folder' | 'version_stack';

export interface Asset {
  id: string;
  name: string;
  type: AssetType;
  parentId: string | null;
  projectId: string | null;
  size: number | null;
  mediaType: string | null;
  itemCount: number | null;
  uploadComplete: boolean;
  originalUrl: string | null;
  xxHash: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** One pre-signed PutObject URL and the exact number of bytes it must receive. */
export interface UploadPart {
  url: string;
  size: number;
}

/** A placeholder file asset the server created, ready to receive its parts. */
export interface UploadTarget {
  asset: Asset;
  /** The Content-Type every part PUT must send: the asset's filetype (V2) or media_type (V4). */
  contentType: string;
  parts: UploadPart[];
}

/** Where one file's upload stands, as cheaply as the API can say it (V4 has a status call; V2 reads the asset). */
export interface UploadState {
  id: string;
  complete: boolean;
  /** The server's xxHash64 of the stitched file, where the API gives one (V2), once it has computed it. */
  xxHash: string | null;
}

export interface CreateFileRequest {
  name: string;
  size: number;
  mediaType: string;
}

export interface ChildrenPage {
  items: Asset[];
  /** Opaque: V2 carries the next page number, V4 the `links.next` cursor. null = last page. */
  next: string | null;
  total: number | null;
}

/** Everything Ferry asks of Frame.io. V2Client implements it today; a V4Client will implement the same. */
export interface FrameioClient {
  readonly apiVersion: 'v2' | 'v4';
  /** Every call of the session goes through it — the engine's part uploads too (src/core/net/pacer.ts). */
  readonly pacer: Pacer;
  setToken(token: string): void;
  me(): Promise<User>;
  listAccounts(): Promise<Account[]>;
  listWorkspaces(accountId: string): Promise<Workspace[]>;
  listProjects(workspace: Workspace): Promise<Project[]>;
  listSharedProjects(): Promise<Project[]>;
  getAsset(id: string): Promise<Asset>;
  listChildrenPage(folderId: string, cursor?: string | null, pageSize?: number): Promise<ChildrenPage>;
  listChildren(folderId: string): Promise<Asset[]>;
  /** The files directly in a folder, each with its upload state (one listing confirms many uploads). */
  listFiles(folderId: string): Promise<Asset[]>;
  uploadState(fileId: string): Promise<UploadState>;
  /** V4 names the account in every URL: the account an asset is in, when the client knows it (V2: always null). */
  accountOf(assetId: string): string | null;
  /** Tells the client which account an asset is in (a journal, the CLI's --account, the window's tree). */
  placeInAccount(assetId: string, accountId: string): void;
  createFolder(parentId: string, name: string): Promise<Asset>;
  createFile(parentId: string, request: CreateFileRequest): Promise<UploadTarget>;
  importRemote(parentId: string, url: string, name?: string): Promise<Asset>;
  addVersion(targetId: string, newFileId: string): Promise<Asset>;
  deleteAsset(id: string): Promise<void>;
}
