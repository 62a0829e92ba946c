import type { AccountRecord, ProjectRecord, TeamRecord } from '../state/types.js';
import type { ApiContext } from './context.js';
import { notFound } from './errors.js';
import type { Route } from './route-types.js';
import { v2List } from './v2-pages.js';

function projectJson(ctx: ApiContext, p: ProjectRecord): Record<string, unknown> {
  const team = ctx.store.state.teams.find((t) => t.id === p.teamId);
  return {
    _type: 'project',
    id: p.id,
    name: p.name,
    team_id: p.teamId,
    account_id: team?.accountId ?? p.ownerAccountId,
    root_asset_id: p.rootAssetId,
    owner_id: ctx.store.state.accounts.find((a) => a.id === p.ownerAccountId)?.ownerUserId ?? null,
    private: false,
    archived_at: null,
    inserted_at: p.insertedAt,
    updated_at: p.insertedAt,
  };
}

const teamJson = (t: TeamRecord): Record<string, unknown> => ({
  _type: 'team',
  id: t.id,
  name: t.name,
  account_id: t.accountId,
  inserted_at: t.insertedAt,
  updated_at: t.insertedAt,
});

const accountJson = (a: AccountRecord): Record<string, unknown> => ({
  _type: 'account',
  id: a.id,
  display_name: a.displayName,
  owner_id: a.ownerUserId,
  inserted_at: a.insertedAt,
  updated_at: a.insertedAt,
});

function visibleProject(ctx: ApiContext, id: string): ProjectRecord {
  const p = ctx.store.project(id);
  if (!p || !ctx.store.visibleProjectIds().has(id)) throw notFound('project');
  return p;
}

function memberAccount(ctx: ApiContext, id: string): AccountRecord {
  const account = ctx.store.memberAccounts().find((a) => a.id === id);
  if (!account) throw notFound('account');
  return account;
}

function memberTeam(ctx: ApiContext, id: string): TeamRecord {
  const team = ctx.store.state.teams.find((t) => t.id === id && t.userIsMember);
  if (!team) throw notFound('team');
  return team;
}

const memberTeams = (ctx: ApiContext): TeamRecord[] => ctx.store.state.teams.filter((t) => t.userIsMember);

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/me$/,
    category: 'other',
    handler: ({ ctx }) => {
      const u = ctx.store.state.user;
      return Promise.resolve({ body: { _type: 'user', id: u.id, name: u.name, email: u.email, account_id: u.accountId } });
    },
  },
  {
    // Only accounts the user belongs to; the partner account that shares a project is not one of them.
    method: 'GET',
    pattern: /^\/v2\/accounts$/,
    category: 'other',
    handler: ({ ctx, url }) => Promise.resolve(v2List(url, ctx.store.memberAccounts(), accountJson)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/accounts\/([^/]+)$/,
    category: 'other',
    handler: ({ ctx, params }) => Promise.resolve({ body: accountJson(memberAccount(ctx, params[0] ?? '')) }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/accounts\/([^/]+)\/teams$/,
    category: 'other',
    handler: ({ ctx, params, url }) => {
      const account = memberAccount(ctx, params[0] ?? '');
      return Promise.resolve(v2List(url, memberTeams(ctx).filter((t) => t.accountId === account.id), teamJson));
    },
  },
  {
    // Every team the user belongs to, across accounts (the SDK's teams.list_all, fioctl `teams list`).
    method: 'GET',
    pattern: /^\/v2\/teams$/,
    category: 'other',
    handler: ({ ctx, url }) => Promise.resolve(v2List(url, memberTeams(ctx), teamJson)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/teams\/([^/]+)$/,
    category: 'other',
    handler: ({ ctx, params }) => Promise.resolve({ body: teamJson(memberTeam(ctx, params[0] ?? '')) }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/teams\/([^/]+)\/projects$/,
    category: 'other',
    handler: ({ ctx, params, url }) => {
      const team = memberTeam(ctx, params[0] ?? '');
      const projects = ctx.store.state.projects.filter((p) => p.teamId === team.id);
      return Promise.resolve(v2List(url, projects, (p) => projectJson(ctx, p)));
    },
  },
  {
    method: 'GET',
    pattern: /^\/v2\/projects\/shared$/,
    category: 'other',
    handler: ({ ctx, url }) => Promise.resolve(v2List(url, ctx.store.state.projects.filter((p) => p.sharedWithUser), (p) => projectJson(ctx, p))),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/projects\/([^/]+)$/,
    category: 'other',
    handler: ({ ctx, params }) => Promise.resolve({ body: projectJson(ctx, visibleProject(ctx, params[0] ?? '')) }),
  },
];
