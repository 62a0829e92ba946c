// V4 is account-scoped: every id in a URL is looked up in the account the URL names, and an id that exists in
// another account (or nowhere the user can see) is a 404, exactly as for an id that does not exist.
import type { ApiContext } from '../api/context.js';
import { notFound } from '../api/errors.js';
import type { AccountRecord, AssetRecord, AssetType, ProjectRecord, TeamRecord } from '../state/types.js';

export function accountIn(ctx: ApiContext, accountId: string): AccountRecord {
  const account = ctx.store.visibleAccounts().find((a) => a.id === accountId);
  if (!account) throw notFound('account');
  return account;
}

/** Projects of the account the user can see (its teams' projects and those shared with it). */
export function projectsIn(ctx: ApiContext, accountId: string): ProjectRecord[] {
  accountIn(ctx, accountId);
  const visible = ctx.store.visibleProjectIds();
  return ctx.store.state.projects.filter((p) => p.ownerAccountId === accountId && visible.has(p.id));
}

export function projectIn(ctx: ApiContext, accountId: string, projectId: string): ProjectRecord {
  const project = projectsIn(ctx, accountId).find((p) => p.id === projectId);
  if (!project) throw notFound('project');
  return project;
}

/** Workspaces (V2 teams) of the account the user is a member of. */
export function workspacesIn(ctx: ApiContext, accountId: string): TeamRecord[] {
  accountIn(ctx, accountId);
  return ctx.store.state.teams.filter((t) => t.accountId === accountId && t.userIsMember);
}

const WHAT: Record<AssetType, string> = { file: 'file', folder: 'folder', version_stack: 'version stack' };

/** The asset `id` of one of `types` in the account's visible projects, else 404. */
export function assetIn(ctx: ApiContext, accountId: string, id: string, ...types: AssetType[]): AssetRecord {
  const visible = new Set(projectsIn(ctx, accountId).map((p) => p.id));
  const asset = ctx.store.asset(id);
  if (!asset || !types.includes(asset.type) || !visible.has(asset.projectId)) throw notFound(types.map((t) => WHAT[t]).join(' or '));
  return asset;
}
