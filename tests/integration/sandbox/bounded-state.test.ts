// What an unauthenticated or hostile client can make the running sandbox remember stays bounded ("Trust under fire",
// finding 3): 8,000 random bearer tokens once grew the rate limiter by 8,000 entries that were never freed.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../src/sandbox/api/context.js';
import { startHarness, type Harness } from './helpers.js';
import { authorizeUrl, get, pkce } from './ims-support.js';

describe('per-client state the sandbox keeps is bounded', () => {
  let h: Harness | undefined;
  let ctx: ApiContext | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (): Promise<{ h: Harness; ctx: ApiContext }> => {
    h = await startHarness({}, { onContext: (c) => (ctx = c) });
    if (!ctx) throw new Error('no context');
    return { h, ctx };
  };

  it('a 401 keeps nothing per token: 3,000 random tokens on /v2/me and /v4/me leave the rate limiter as it was', async () => {
    const { h, ctx } = await start();
    const origin = h.sb.apiUrl.replace(/\/v2$/, '');
    const before = ctx.limiter.size;
    for (let i = 0; i < 3000; i += 100) {
      const answers = await Promise.all(Array.from({ length: 100 }, async (_, j) => {
        const res = await fetch(`${origin}${(i + j) % 2 ? '/v4/me' : '/v2/me'}`, { headers: { authorization: `Bearer ${randomBytes(30).toString('base64url')}` } });
        await res.arrayBuffer();
        return res;
      }));
      for (const res of answers) {
        expect(res.status).toBe(401);
        expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
      }
    }
    expect(ctx.limiter.size).toBe(before);
  });

  it('V4 account ids in the URL do not make rate-limit keys: 500 made-up accounts add nothing', async () => {
    const { h, ctx } = await start();
    const v4 = (path: string) => fetch(`${h.sb.apiV4Url}${path}`, { headers: { authorization: `Bearer ${h.sb.token}` } });
    expect((await v4(`/accounts/${h.sb.accountId}/projects`)).status).toBe(200);
    const before = ctx.limiter.size;
    for (let i = 0; i < 500; i += 50) {
      const statuses = await Promise.all(Array.from({ length: 50 }, async () => (await v4(`/accounts/${randomBytes(8).toString('hex')}/projects`)).status));
      expect(new Set(statuses)).toEqual(new Set([404]));
    }
    expect(ctx.limiter.size).toBeLessThanOrEqual(before + 1);
  });

  it('authorize pages opened in a loop are capped at 1,000 pending', async () => {
    const { h, ctx } = await start();
    for (let i = 0; i < 1200; i += 100) {
      await Promise.all(Array.from({ length: 100 }, async () => expect((await get(authorizeUrl(h.sb, pkce(), 's'))).status).toBe(200)));
    }
    expect(ctx.ims.signIns.pending).toBeLessThanOrEqual(1000);
  });
});
