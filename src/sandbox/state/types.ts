// What the sandbox persists in dataDir/state.json. Internal shapes (camelCase); api/asset-json.ts maps them
// onto the V2 wire shapes, so the stored form can change without changing what clients see.
import type { ImsState } from '../ims/state.js';

export type AssetType = 'file' | 'folder' | 'version_stack';

export interface RemoteSource {
  url: string;
  status: 'pending' | 'complete' | 'error';
  error: string | null;
}

export interface AssetRecord {
  id: string;
  name: string;
  type: AssetType;
  parentId: string | null;
  projectId: string;
  /** Ordering inside the parent; a new version stack takes the seq of the file it replaces. */
  seq: number;
  filesize: number;
  filetype: string | null;
  /** How many upload URLs were issued (0 for folders and stacks). */
  partCount: number;
  insertedAt: string;
  updatedAt: string;
  uploadCompletedAt: string | null;
  /** 1-based position inside a version stack, null elsewhere. */
  versionNumber: number | null;
  creatorId: string;
  source: RemoteSource | null;
  /** xxHash64 of the stitched bytes (16 hex digits), set some time after completion; null until then. */
  xxHash: string | null;
  /** Byte length of each part when the server chose them (V4 local_upload); absent: the ceil rule over partCount. */
  partSizes?: number[];
}

export interface ProjectRecord {
  id: string;
  name: string;
  teamId: string;
  rootAssetId: string;
  ownerAccountId: string;
  /** Visible to the demo user only through /v2/projects/shared. */
  sharedWithUser: boolean;
  insertedAt: string;
}

export type AccountRole = 'owner' | 'admin' | 'member';

export interface AccountRecord {
  id: string;
  displayName: string;
  ownerUserId: string;
  /** The demo user's roles in the account; empty where it only collaborates on a shared project. */
  userRoles: AccountRole[];
  insertedAt: string;
}

/** A V2 team is a V4 workspace: one record, two names. */
export interface TeamRecord {
  id: string;
  name: string;
  accountId: string;
  /** Whether the demo user is a member (teams of the partner account are not). */
  userIsMember: boolean;
  insertedAt: string;
}

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  accountId: string;
}

export interface SandboxState {
  schemaVersion: 1;
  /**
   * This sandbox's identity, made once with its data folder and kept across restarts (its ports may change): a
   * journal can tell the same sandbox on another port from another sandbox.
   */
  sandboxId: string;
  /** The demo access token: V2 and V4 take it as a bearer token. */
  token: string;
  /** A legacy developer token (fio-u-…): V2 takes it as is, V4 only with x-frameio-legacy-token-auth: true. */
  legacyToken: string;
  user: UserRecord;
  s3AccessKey: string;
  s3SecretKey: string;
  /** HMAC key for `original` URLs. */
  originalsSecret: string;
  nextSeq: number;
  accounts: AccountRecord[];
  teams: TeamRecord[];
  projects: ProjectRecord[];
  assets: Record<string, AssetRecord>;
  /** The sign-in server's key, grants and (hashed) refresh tokens. */
  ims: ImsState;
}
