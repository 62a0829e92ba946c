import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

describe('sandbox rotateToken()', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const me = (sb: Harness, token: string): Promise<Response> =>
    fetch(`${sb.sb.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });

  it('revokes the old token with a V2 401, accepts the new one, and sb.token follows', async () => {
    h = await startHarness();
    const old = h.sb.token;
    expect((await me(h, old)).status).toBe(200);

    const fresh = h.sb.rotateToken();
    expect(fresh).toMatch(/^fio-u-/);
    expect(fresh).not.toBe(old);
    expect(h.sb.token).toBe(fresh);

    const revoked = await me(h, old);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: 401, errors: [{ code: 401, status: 401, title: 'Unauthorized' }] });
    expect((await me(h, fresh)).status).toBe(200);
    // The fault-control endpoint follows the token too.
    const faults = (token: string): Promise<Response> =>
      fetch(`${h?.sb.apiUrl.replace(/\/v2$/, '')}/_sandbox/faults`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    expect((await faults(old)).status).toBe(401);
    expect((await faults(fresh)).status).toBe(200);
  });

  it('persists the new token: a restart on the same dataDir keeps it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ferry-sb-token-'));
    try {
      const first = await startHarness({ dataDir });
      const fresh = first.sb.rotateToken();
      await first.close();
      h = await startHarness({ dataDir });
      expect(h.sb.token).toBe(fresh);
      expect((await me(h, fresh)).status).toBe(200);
    } finally {
      await h?.close();
      h = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
