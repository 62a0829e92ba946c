// Who the user is and where it can upload: me, accounts, workspaces, projects (per workspace, per account, invited).
import type { Route } from '../api/route-types.js';
import { notFound } from '../api/errors.js';
import { toV4Account, toV4Project, toV4Workspace } from './json.js';
import { LIST_PAGE_MAX, v4Page } from './pages.js';
import { projectIn, projectsIn, workspacesIn } from './scope.js';

const A = '/v4/accounts/([^/]+)';

export const discoveryRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v4\/me$/,
    category: 'users.show',
    handler: ({ ctx }) => {
      const u = ctx.store.state.user;
      return Promise.resolve({ body: { data: { id: u.id, name: u.name, email: u.email, avatar_url: null } } });
    },
  },
  {
    method: 'GET',
    pattern: /^\/v4\/accounts$/,
    category: 'accounts.index',
    handler: ({ ctx, url }) => Promise.resolve(v4Page(url, ctx.store.visibleAccounts(), toV4Account, LIST_PAGE_MAX)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${A}/workspaces$`),
    category: 'workspaces.index',
    handler: ({ ctx, url, params }) => Promise.resolve(v4Page(url, workspacesIn(ctx, params[0] ?? ''), toV4Workspace, LIST_PAGE_MAX)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${A}/workspaces/([^/]+)/projects$`),
    category: 'projects.index',
    handler: ({ ctx, url, params }) => {
      const [accountId = '', workspaceId = ''] = params;
      const workspace = workspacesIn(ctx, accountId).find((w) => w.id === workspaceId);
      if (!workspace) throw notFound('workspace');
      const projects = projectsIn(ctx, accountId).filter((p) => p.teamId === workspace.id);
      return Promise.resolve(v4Page(url, projects, (p) => toV4Project(ctx, p), LIST_PAGE_MAX));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${A}/projects$`),
    category: 'account_projects.index',
    handler: ({ ctx, url, params }) => Promise.resolve(v4Page(url, projectsIn(ctx, params[0] ?? ''), (p) => toV4Project(ctx, p), LIST_PAGE_MAX)),
  },
  {
    // V4's nearest to V2's "shared with me": projects of this account the user was invited to.
    method: 'GET',
    pattern: new RegExp(`^${A}/invited_projects$`),
    category: 'invited_projects.index',
    handler: ({ ctx, url, params }) => {
      const invited = projectsIn(ctx, params[0] ?? '').filter((p) => p.sharedWithUser);
      return Promise.resolve(v4Page(url, invited, (p) => toV4Project(ctx, p), LIST_PAGE_MAX));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${A}/projects/([^/]+)$`),
    category: 'projects.show',
    handler: ({ ctx, params }) => Promise.resolve({ body: { data: toV4Project(ctx, projectIn(ctx, params[0] ?? '', params[1] ?? '')) } }),
  },
];
