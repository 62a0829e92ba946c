// The channel names alone, without their schemas: what the sandboxed preload needs (it must stay one small file
// with nothing to require but electron). A contract test checks these lists equal the contract's keys.
export const INVOKE_CHANNELS = [
  'auth:status', 'auth:signIn', 'auth:signOut', 'auth:useSandbox', 'auth:adobeSignIn', 'auth:adobeCancel',
  'browse:accounts', 'browse:workspaces', 'browse:projects', 'browse:sharedProjects', 'browse:children', 'browse:createFolder',
  'uploads:preflight', 'uploads:enqueue', 'uploads:pause', 'uploads:resume', 'uploads:cancel', 'uploads:retry', 'uploads:list',
  'files:pick', 'files:reveal',
  'settings:get', 'settings:set',
] as const;

export const EVENT_CHANNELS = ['uploads:progress', 'uploads:state', 'auth:changed', 'network:changed', 'service:slowDown', 'uploads:warning'] as const;

/** Preload → main only, never exposed to the renderer: the path of a File dropped on the window, as Electron's
 * webUtils read it. Main grants the window that path (review finding 1): a page cannot make a File with a disk path. */
export const DROPPED_CHANNEL = 'files:dropped';
