import { randomBytes, randomUUID } from 'node:crypto';
import { newImsState } from '../ims/state.js';
import type { AccountRecord, AssetRecord, ProjectRecord, SandboxState, TeamRecord } from './types.js';

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
const SECOND_ACCOUNT = 'Second Studio';

/** A fresh demo token, in the shape of Frame.io developer tokens (`fio-u-…`). */
export function newToken(): string {
  return `fio-u-${randomBytes(32).toString('base64url')}`;
}

/** Builds assets and projects into `state`, the way seeding and upgrading both need. */
class Builder {
  constructor(
    private readonly state: Pick<SandboxState, 'assets' | 'projects' | 'nextSeq'>,
    private readonly userId: string,
    private readonly now: string,
  ) {}

  add(fields: Pick<AssetRecord, 'name' | 'type' | 'parentId' | 'projectId'> & Partial<AssetRecord>): AssetRecord {
    const a: AssetRecord = {
      id: randomUUID(), seq: ++this.state.nextSeq, filesize: 0, filetype: null, partCount: 0, insertedAt: this.now, updatedAt: this.now,
      uploadCompletedAt: null, versionNumber: null, creatorId: this.userId, source: null, xxHash: null, ...fields,
    };
    this.state.assets[a.id] = a;
    return a;
  }

  project(name: string, team: string, owner: string, shared: boolean): ProjectRecord {
    const id = randomUUID();
    // The root asset is the project's top folder; uploads need its id (frameio-api.md "Hierarchy").
    const root = this.add({ name, type: 'folder', parentId: null, projectId: id });
    const p = { id, name, teamId: team, rootAssetId: root.id, ownerAccountId: owner, sharedWithUser: shared, insertedAt: this.now };
    this.state.projects.push(p);
    return p;
  }
}

/**
 * First-start demo data: the demo account (Demo Team: Demo Project, Archive), a second account of the same user
 * (Second Team: Second Project, so ids can live in either of two accounts), and a partner account whose project is
 * shared with the user (V2: /v2/projects/shared; V4: that account's invited_projects).
 */
export function seedState(token: string | undefined, legacyToken?: string): { state: SandboxState; files: SeedFile[] } {
  const now = new Date().toISOString();
  const userId = randomUUID();
  const accountId = randomUUID();
  const partnerAccountId = randomUUID();
  const teamId = randomUUID();
  const partnerTeamId = randomUUID();
  const state: SandboxState = {
    schemaVersion: 1,
    sandboxId: randomUUID(),
    token: token ?? newToken(),
    legacyToken: legacyToken ?? newToken(),
    user: { id: userId, name: 'Demo User', email: 'demo@ferry.invalid', accountId },
    s3AccessKey: `FERRY${randomBytes(8).toString('hex').toUpperCase()}`,
    s3SecretKey: randomBytes(30).toString('base64url'),
    originalsSecret: randomBytes(32).toString('hex'),
    nextSeq: 0,
    accounts: [
      { id: accountId, displayName: 'Demo Account', ownerUserId: userId, userRoles: ['owner'], insertedAt: now },
      { id: partnerAccountId, displayName: 'Partner Studio', ownerUserId: randomUUID(), userRoles: [], insertedAt: now },
    ],
    teams: [
      { id: teamId, name: 'Demo Team', accountId, userIsMember: true, insertedAt: now },
      { id: partnerTeamId, name: 'Partner Team', accountId: partnerAccountId, userIsMember: false, insertedAt: now },
    ],
    projects: [],
    assets: {},
    ims: newImsState(),
  };
  const b = new Builder(state, userId, now);
  const demo = b.project('Demo Project', teamId, accountId, false);
  b.project('Archive', teamId, accountId, false);
  const shared = b.project('Partner Review', partnerTeamId, partnerAccountId, true);

  const day1 = b.add({ name: 'Day 1', type: 'folder', parentId: demo.rootAssetId, projectId: demo.id });
  b.add({ name: 'Cam A', type: 'folder', parentId: day1.id, projectId: demo.id });
  b.add({ name: 'Sound', type: 'folder', parentId: demo.rootAssetId, projectId: demo.id });
  b.add({ name: 'Selects', type: 'folder', parentId: shared.rootAssetId, projectId: shared.id });
  const file = (name: string, filetype: string, parentId: string, bytes: Buffer): SeedFile => {
    const a = b.add({ name, type: 'file', parentId, projectId: demo.id, filetype, filesize: bytes.length, partCount: 1, uploadCompletedAt: now });
    return { assetId: a.id, bytes };
  };
  const files = [
    file('welcome.txt', 'text/plain', demo.rootAssetId, WELCOME_TXT),
    file('slate.svg', 'image/svg+xml', day1.id, SLATE_SVG),
  ];
  addSecondAccount(state, b, now);
  return { state, files };
}

function addSecondAccount(state: SandboxState, b: Builder, now: string): void {
  const account: AccountRecord = { id: randomUUID(), displayName: SECOND_ACCOUNT, ownerUserId: state.user.id, userRoles: ['admin'], insertedAt: now };
  const team: TeamRecord = { id: randomUUID(), name: 'Second Team', accountId: account.id, userIsMember: true, insertedAt: now };
  state.accounts.splice(1, 0, account);
  state.teams.push(team);
  const project = b.project('Second Project', team.id, account.id, false);
  b.add({ name: 'Inbox', type: 'folder', parentId: project.rootAssetId, projectId: project.id });
}

/** The second account the user can upload to (the first is `user.accountId`). */
export function secondAccount(state: SandboxState): AccountRecord | undefined {
  return state.accounts.find((a) => a.id !== state.user.accountId && a.userRoles.length > 0);
}

/**
 * State written by an older sandbox lacks what V4 needs (a legacy token, account roles and dates, a second account)
 * and the sign-in server's state: filled in here, so a --data folder kept across versions keeps working. Returns
 * whether anything changed.
 */
export function upgradeState(state: SandboxState): boolean {
  let changed = false;
  const fallback = state.projects[0]?.insertedAt ?? new Date().toISOString();
  if (typeof state.sandboxId !== 'string') {
    state.sandboxId = randomUUID();
    changed = true;
  }
  if (typeof state.legacyToken !== 'string') {
    state.legacyToken = newToken();
    changed = true;
  }
  if (typeof state.ims?.secret !== 'string') {
    state.ims = newImsState();
    changed = true;
  }
  for (const a of state.accounts) {
    if (!Array.isArray(a.userRoles)) {
      a.userRoles = a.id === state.user.accountId ? ['owner'] : [];
      changed = true;
    }
    if (typeof a.insertedAt !== 'string') a.insertedAt = fallback;
  }
  for (const t of state.teams) if (typeof t.insertedAt !== 'string') t.insertedAt = fallback;
  if (!secondAccount(state)) {
    addSecondAccount(state, new Builder(state, state.user.id, fallback), fallback);
    changed = true;
  }
  return changed;
}
