// Rate limits on the sandbox: generous by default with honest headers; `limits: 'frameio'` enforces the published
// per-operation limits; V4 429s (enforced or injected) carry the x-ratelimit-* headers and no Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { type Json, startV4, type V4Harness } from './v4-support';

let h: V4Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const rate = (res: Response) => ({
  limit: res.headers.get('x-ratelimit-limit'),
  remaining: res.headers.get('x-ratelimit-remaining'),
  window: res.headers.get('x-ratelimit-window'),
});

describe('sandbox V4: rate limits', () => {
  it("limits 'frameio': the sixth local_upload within a second is a 429 with the headers and no Retry-After", async () => {
    h = await startV4({ limits: 'frameio' });
    const path = `/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files/local_upload`;
    // The checker compiles its validators on first use, in this process (the sandbox's too): one call in the other
    // account (its own bucket) compiles them beforehand, so nothing stalls the six below.
    const warm = await h.api(`/accounts/${h.sb.secondAccountId}/folders/${h.sb.secondRootFolderId}/files/local_upload`, { method: 'POST', json: { data: { name: 'warm.mov', file_size: 10 } } });
    expect(rate(warm)).toEqual({ limit: '5', remaining: '4', window: '1000' });
    await h.proxy.drained();
    const answers: Response[] = [];
    // All six are sent at once, so they land in one window whatever the machine's speed.
    answers.push(...(await Promise.all(Array.from({ length: 6 }, (_, i) => h!.api(path, { method: 'POST', json: { data: { name: `f${i}.mov`, file_size: 10 } } })))));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = answers.find((r) => r.status === 429) as Response;
    expect(rate(limited)).toEqual({ limit: '5', remaining: '0', window: '1000' });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(await limited.json()).toEqual({ errors: [{ detail: 'rate limit exceeded', title: 'Too Many Requests' }] });
    for (const r of answers.filter((a) => a.status === 201)) expect(rate(r).limit).toBe('5');
    // Other operations have their own buckets and their own published limits.
    const me = await h.api('/me');
    expect(me.status).toBe(200);
    expect(rate(me)).toMatchObject({ limit: '100', window: '60000' });
    const show = await h.api(`/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/files`);
    expect(rate(show)).toMatchObject({ limit: '5', window: '1000' });
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('buckets are per account user: a second account has its own', async () => {
    h = await startV4({ rateLimits: { 'folders.create': { limit: 1, windowMs: 60_000 } } });
    const { sb } = h;
    const create = (account: string, folder: string) => h!.api(`/accounts/${account}/folders/${folder}/folders`, { method: 'POST', json: { data: { name: 'x' } } });
    expect((await create(sb.accountId, sb.rootFolderId)).status).toBe(201);
    expect((await create(sb.accountId, sb.rootFolderId)).status).toBe(429);
    expect((await create(sb.secondAccountId, sb.secondRootFolderId)).status).toBe(201);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('generous by default, and the headers say so', async () => {
    h = await startV4();
    const res = await h.api(`/accounts/${h.sb.accountId}/folders/${h.sb.rootFolderId}/children`);
    expect(rate(res)).toEqual({ limit: '1000', remaining: '999', window: '1000' });
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });

  it('injected 429s (api429) reach V4 without Retry-After; V2 keeps its Retry-After', async () => {
    h = await startV4();
    h.sb.setFaults({ api429: 1, retryAfterS: 3 });
    const v4 = await h.api('/me');
    expect(v4.status).toBe(429);
    expect(v4.headers.get('retry-after')).toBeNull();
    expect(v4.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(((await v4.json()) as { errors: Json[] }).errors[0]).toMatchObject({ title: 'Too Many Requests' });
    const v2 = await fetch(`${h.sb.apiUrl}/me`, { headers: { authorization: `Bearer ${h.sb.token}` } });
    expect(v2.status).toBe(429);
    expect(v2.headers.get('retry-after')).toBe('3');
    h.sb.setFaults({});
    expect((await h.api('/me')).status).toBe(200);
    await h.proxy.drained();
    expect(h.proxy.violations).toEqual([]);
  });
});
