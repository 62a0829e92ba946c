import type { Route } from '../api/route-types.js';
import { discoveryRoutes } from './routes-discovery.js';
import { fileRoutes } from './routes-files.js';
import { folderRoutes } from './routes-folders.js';
import { stackRoutes } from './routes-stacks.js';

/** Every V4 route the sandbox serves, each named by its operation (the rate-limit bucket). */
export const V4_ROUTES: Route[] = [...discoveryRoutes, ...folderRoutes, ...fileRoutes, ...stackRoutes];
