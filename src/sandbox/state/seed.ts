import { randomBytes, randomUUID } from 'node:crypto';
import type { AssetRecord, ProjectRecord, SandboxState } from './types.js';

export interface SeedFile {
  assetId: string;
  bytes: Buffer;
}

const WELCOME_TXT = Buffer.from(
  'Welcome to the Ferry sandbox.\nThis file was stored part by part like any upload, so its original URL serves real bytes.\n',
);
const SLATE_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#222"/>' +
    '<text x="80" y="50" fill="#fff" font-size="16" text-anchor="middle">Ferry slate</text></svg>\n',
);

/** A fresh demo token, in the shape of Frame.io developer tokens (`fio-u-…`). */
export function newToken(): string {
  return `fio-u-${randomBytes(32).toString('base64url')}`;
}

/** First-start demo data: the hierarchy a browser needs plus a project reachable only via /v2/projects/shared. */
export function seedState(token: string | undefined): { state: SandboxState; files: SeedFile[] } {
  const now = new Date().toISOString();
  const userId = randomUUID();
  const accountId = randomUUID();
  const partnerAccountId = randomUUID();
  const teamId = randomUUID();
  const partnerTeamId = randomUUID();
  let seq = 0;
  const assets: Record<string, AssetRecord> = {};
  const add = (fields: Pick<AssetRecord, 'name' | 'type' | 'parentId' | 'projectId'> & Partial<AssetRecord>): AssetRecord => {
    const a: AssetRecord = {
      id: randomUUID(), seq: ++seq, filesize: 0, filetype: null, partCount: 0, insertedAt: now, updatedAt: now,
      uploadCompletedAt: null, versionNumber: null, creatorId: userId, source: null, xxHash: null, ...fields,
    };
    assets[a.id] = a;
    return a;
  };

  const project = (name: string, team: string, owner: string, shared: boolean): ProjectRecord => {
    const id = randomUUID();
    // The root asset is the project's top folder; uploads need its id (frameio-api.md "Hierarchy").
    const root = add({ name, type: 'folder', parentId: null, projectId: id });
    return { id, name, teamId: team, rootAssetId: root.id, ownerAccountId: owner, sharedWithUser: shared, insertedAt: now };
  };
  const demo = project('Demo Project', teamId, accountId, false);
  const archive = project('Archive', teamId, accountId, false);
  const shared = project('Partner Review', partnerTeamId, partnerAccountId, true);

  const day1 = add({ name: 'Day 1', type: 'folder', parentId: demo.rootAssetId, projectId: demo.id });
  add({ name: 'Cam A', type: 'folder', parentId: day1.id, projectId: demo.id });
  add({ name: 'Sound', type: 'folder', parentId: demo.rootAssetId, projectId: demo.id });
  add({ name: 'Selects', type: 'folder', parentId: shared.rootAssetId, projectId: shared.id });
  const file = (name: string, filetype: string, parentId: string, bytes: Buffer): SeedFile => {
    const a = add({ name, type: 'file', parentId, projectId: demo.id, filetype, filesize: bytes.length, partCount: 1, uploadCompletedAt: now });
    return { assetId: a.id, bytes };
  };
  const files = [
    file('welcome.txt', 'text/plain', demo.rootAssetId, WELCOME_TXT),
    file('slate.svg', 'image/svg+xml', day1.id, SLATE_SVG),
  ];

  const state: SandboxState = {
    schemaVersion: 1,
    token: token ?? newToken(),
    user: { id: userId, name: 'Demo User', email: 'demo@ferry.invalid', accountId },
    s3AccessKey: `FERRY${randomBytes(8).toString('hex').toUpperCase()}`,
    s3SecretKey: randomBytes(30).toString('base64url'),
    originalsSecret: randomBytes(32).toString('hex'),
    nextSeq: seq,
    accounts: [
      { id: accountId, displayName: 'Demo Account', ownerUserId: userId },
      { id: partnerAccountId, displayName: 'Partner Studio', ownerUserId: randomUUID() },
    ],
    teams: [
      { id: teamId, name: 'Demo Team', accountId, userIsMember: true },
      { id: partnerTeamId, name: 'Partner Team', accountId: partnerAccountId, userIsMember: false },
    ],
    projects: [demo, archive, shared],
    assets,
  };
  return { state, files };
}
