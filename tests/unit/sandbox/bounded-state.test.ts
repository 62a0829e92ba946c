// State a client can make the sandbox keep must be bounded ("Trust under fire", finding 3): rate-limit windows
// expire and are pruned, a 401 keeps nothing per token, and sign-ins (which need no password in the sandbox) cannot
// pile up grants or retired refresh tokens in state.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/sandbox/api/rate-limit.js';
import { resolveImsConfig } from '../../../src/sandbox/ims/config.js';
import { ImsGrants } from '../../../src/sandbox/ims/grants.js';
import { MAX_GRANTS_PER_CLIENT, MAX_RETIRED_PER_GRANT } from '../../../src/sandbox/ims/state.js';
import { seedState } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';
import { newAsset } from '../../../src/sandbox/ops/new-asset.js';

describe('RateLimiter memory', () => {
  it('a report-only take (a 401 answer) keeps nothing, whatever the key', () => {
    const rl = new RateLimiter({});
    for (let i = 0; i < 5000; i++) {
      const v = rl.take(`bad-token-${i}`, 'users.show', i, false);
      expect(v.headers['x-ratelimit-remaining']).toBe('1000');
    }
    expect(rl.size).toBe(0);
  });

  it('a report-only take still reports the window of a key that has one', () => {
    const rl = new RateLimiter({ read: { limit: 3, windowMs: 1000 } });
    rl.take('t', 'read', 0);
    expect(rl.take('t', 'read', 10, false).headers['x-ratelimit-remaining']).toBe('2');
    expect(rl.size).toBe(1);
  });

  it('windows that ended are pruned: distinct keys never add up past one window of them', () => {
    const rl = new RateLimiter({ create: { limit: 5, windowMs: 1000 }, children: { limit: 40, windowMs: 60_000 } });
    for (let i = 0; i < 1000; i++) rl.take(`k${i}`, 'create', i % 1000);
    expect(rl.size).toBe(1000);
    rl.take('later', 'create', 2500);
    expect(rl.size).toBe(1);
    // A longer window lives as long as it is, and not longer.
    rl.take('slow', 'children', 3000);
    rl.take('x', 'create', 30_000);
    expect(rl.size).toBe(2);
    rl.take('y', 'create', 64_000);
    expect(rl.size).toBe(1);
  });
});

describe('sign-in grants', () => {
  let dir = '';
  let opened: Store | undefined;
  // Closed here, not at the end of each test: a failed assertion must not leave a save timer writing into a removed folder.
  afterEach(() => {
    opened?.close();
    opened = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  function grants(): { g: ImsGrants; store: Store } {
    dir = mkdtempSync(join(tmpdir(), 'ferry-bounded-'));
    const store = Store.create(dir, seedState(undefined).state);
    opened = store;
    const g = new ImsGrants(store, resolveImsConfig(), () => 1_000_000);
    return { g, store };
  }

  it(`keeps at most 100 live sign-ins per client: the oldest one goes (its refresh token stops working)`, () => {
    const { g, store } = grants();
    const userId = store.state.user.id;
    const first = g.start('ferry-sandbox', userId, ['openid', 'offline_access'], 'http://x');
    for (let i = 0; i < 250; i++) g.start('ferry-sandbox', userId, ['openid', 'offline_access'], 'http://x');
    const last = g.start('ferry-sandbox', userId, ['openid', 'offline_access'], 'http://x');
    expect(Object.keys(store.state.ims.grants).length).toBeLessThanOrEqual(100);
    expect(Object.keys(store.state.ims.refreshTokens).length).toBeLessThanOrEqual(100);
    expect(() => g.refresh(first.refresh_token ?? '', 'ferry-sandbox', undefined, 'http://x')).toThrow(/unknown or expired/);
    expect(g.checkAccessToken(first.access_token)).toBe('revoked');
    expect(g.refresh(last.refresh_token ?? '', 'ferry-sandbox', undefined, 'http://x').refresh_token).toBeTruthy();
    expect(MAX_GRANTS_PER_CLIENT).toBe(100);
  });

  it(`a sign-in refreshed in a loop keeps its last 10 retired refresh tokens, not all of them`, () => {
    const { g, store } = grants();
    let t = g.start('ferry-sandbox', store.state.user.id, ['offline_access'], 'http://x');
    const tokens = [t.refresh_token ?? ''];
    for (let i = 0; i < 60; i++) {
      t = g.refresh(t.refresh_token ?? '', 'ferry-sandbox', undefined, 'http://x');
      tokens.push(t.refresh_token ?? '');
    }
    expect(Object.keys(store.state.ims.refreshTokens).length).toBe(10 + 1);
    // A recently retired one is still recognised as reuse, and revokes the sign-in.
    expect(() => g.refresh(tokens.at(-3) ?? '', 'ferry-sandbox', undefined, 'http://x')).toThrow(/already used/);
    expect(() => g.refresh(tokens.at(-1) ?? '', 'ferry-sandbox', undefined, 'http://x')).toThrow(/revoked/);
    expect(MAX_RETIRED_PER_GRANT).toBe(10);
  });
});

describe('the child index', () => {
  it('forgets deleted folders: 1,000 folders made, listed and deleted leave it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-bounded-'));
    const store = Store.create(dir, seedState(undefined).state);
    try {
      const root = store.asset(store.state.projects[0]?.rootAssetId ?? '');
      if (!root) throw new Error('no root folder');
      store.children(root.id);
      const before = store.indexedParents;
      for (let i = 0; i < 1000; i++) {
        const folder = newAsset(store, root, { name: `f${i}`, type: 'folder' });
        store.addAsset(folder);
        expect(store.children(folder.id)).toEqual([]);
        store.removeAsset(folder.id);
      }
      expect(store.indexedParents).toBe(before);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
