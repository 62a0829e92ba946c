import type { IncomingMessage } from 'node:http';
import type { RateLimitCategory } from '../options.js';
import type { ApiContext } from './context.js';

export interface ApiResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteInput {
  ctx: ApiContext;
  req: IncomingMessage;
  url: URL;
  /** Captured path segments, in order. */
  params: string[];
}

export interface Route {
  method: string;
  pattern: RegExp;
  category: RateLimitCategory;
  handler: (input: RouteInput) => Promise<ApiResult>;
}
