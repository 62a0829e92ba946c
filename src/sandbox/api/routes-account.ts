import type { ProjectRecord } from '../state/types.js';
import type { ApiContext } from './context.js';
import { notFound } from './errors.js';
import type { Route } from './route-types.js';

function projectJson(ctx: ApiContext, p: ProjectRecord): Record<string, unknown> {
  const team = ctx.store.state.teams.find((t) => t.id === p.teamId);
  return {
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

function visibleProject(ctx: ApiContext, id: string): ProjectRecord {
  const p = ctx.store.project(id);
  if (!p || !ctx.store.visibleProjectIds().has(id)) throw notFound('project');
  return p;
}

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/me$/,
    category: 'other',
    handler: ({ ctx }) => {
      const u = ctx.store.state.user;
      return Promise.resolve({ body: { id: u.id, name: u.name, email: u.email, account_id: u.accountId, _type: 'user' } });
    },
  },
  {
    method: 'GET',
    pattern: /^\/v2\/accounts$/,
    category: 'other',
    // Only accounts the user belongs to; the partner account that shares a project is not one of them.
    handler: ({ ctx }) => {
      const mine = ctx.store.state.accounts.filter((a) => a.id === ctx.store.state.user.accountId);
      return Promise.resolve({ body: mine.map((a) => ({ id: a.id, display_name: a.displayName, owner_id: a.ownerUserId })) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/v2\/accounts\/([^/]+)\/teams$/,
    category: 'other',
    handler: ({ ctx, params }) => {
      const accountId = params[0] ?? '';
      if (accountId !== ctx.store.state.user.accountId) throw notFound('account');
      const teams = ctx.store.state.teams.filter((t) => t.accountId === accountId && t.userIsMember);
      return Promise.resolve({ body: teams.map((t) => ({ id: t.id, name: t.name, account_id: t.accountId })) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/v2\/teams\/([^/]+)\/projects$/,
    category: 'other',
    handler: ({ ctx, params }) => {
      const team = ctx.store.state.teams.find((t) => t.id === params[0] && t.userIsMember);
      if (!team) throw notFound('team');
      const projects = ctx.store.state.projects.filter((p) => p.teamId === team.id);
      return Promise.resolve({ body: projects.map((p) => projectJson(ctx, p)) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/v2\/projects\/shared$/,
    category: 'other',
    handler: ({ ctx }) =>
      Promise.resolve({ body: ctx.store.state.projects.filter((p) => p.sharedWithUser).map((p) => projectJson(ctx, p)) }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/projects\/([^/]+)$/,
    category: 'other',
    handler: ({ ctx, params }) => Promise.resolve({ body: projectJson(ctx, visibleProject(ctx, params[0] ?? '')) }),
  },
];
