import type { LimitsMode, RateLimitCategory, RateLimitRule } from '../options.js';

const perSecond = (limit: number): RateLimitRule => ({ limit, windowMs: 1000 });
const perMinute = (limit: number): RateLimitRule => ({ limit, windowMs: 60_000 });

/**
 * The published limits. V2: frameio-api.md "Errors and limits" (asset create 5/s, asset read 5/s, children 40/min;
 * nothing is published for the rest, which stays generous). V4: each operation's "Rate Limits:" line in the spec
 * (reference/frameio-v4-openapi.json), per account user.
 */
export const FRAMEIO_LIMITS: Readonly<Partial<Record<RateLimitCategory, RateLimitRule>>> = {
  create: perSecond(5),
  read: perSecond(5),
  children: perMinute(40),
  'users.show': perMinute(100),
  'accounts.index': perMinute(100),
  'workspaces.index': perMinute(100),
  'projects.index': perMinute(100),
  'account_projects.index': perMinute(100),
  'invited_projects.index': perMinute(100),
  'projects.show': perMinute(100),
  'folders.show': perMinute(100),
  'folders.delete': perMinute(60),
  'folders.index': perMinute(100),
  'folders.list': perSecond(5),
  'folders.create': perSecond(3),
  'files.list': perSecond(5),
  'files.create_local_upload': perSecond(5),
  'files.create_remote_upload': perSecond(5),
  'files.show': perSecond(10),
  'files.delete': perMinute(100),
  'files.show_file_upload_status': perSecond(5),
  'files.move': perMinute(100),
  'version_stacks.list': perSecond(5),
  'version_stacks.create': perMinute(10),
  'version_stacks.show': perMinute(100),
  'version_stacks.index': perMinute(100),
};

/** The rule table in force: the chosen mode's, with single entries overridden by `rateLimits`. */
export function limitRules(mode: LimitsMode, overrides: Partial<Record<RateLimitCategory, RateLimitRule>> = {}): Partial<Record<RateLimitCategory, RateLimitRule>> {
  return { ...(mode === 'frameio' ? FRAMEIO_LIMITS : {}), ...overrides };
}
