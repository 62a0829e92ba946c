// A --data folder written by a sandbox from before V4 keeps working: the legacy token, account roles and dates, and
// the user's second account are filled in when it is loaded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { seedState, secondAccount } from '../../../src/sandbox/state/seed.js';
import { Store } from '../../../src/sandbox/state/store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

it('fills in what V4 needs in state written before it', () => {
  const { state } = seedState('fio-u-old');
  const second = secondAccount(state);
  // Take the state back to its pre-V4 form: one account of the user, no legacy token, no roles or dates.
  const old = structuredClone(state) as unknown as Record<string, unknown> & typeof state;
  old.accounts = old.accounts.filter((a) => a.id !== second?.id).map(({ id, displayName, ownerUserId }) => ({ id, displayName, ownerUserId })) as never;
  old.teams = old.teams.filter((t) => t.accountId !== second?.id).map(({ insertedAt: _dropped, ...t }) => t) as never;
  old.projects = old.projects.filter((p) => p.ownerAccountId !== second?.id);
  delete (old as Partial<typeof state>).legacyToken;
  dir = mkdtempSync(join(tmpdir(), 'ferry-sb-upgrade-'));
  writeFileSync(join(dir, 'state.json'), JSON.stringify(old));

  const store = Store.load(dir);
  const upgraded = store?.state;
  expect(upgraded?.token).toBe('fio-u-old');
  expect(upgraded?.legacyToken).toMatch(/^fio-u-/);
  expect(upgraded?.accounts.map((a) => a.userRoles)).toEqual([['owner'], ['admin'], []]);
  const added = upgraded && secondAccount(upgraded);
  expect(added?.displayName).toBe('Second Studio');
  expect(upgraded?.projects.filter((p) => p.ownerAccountId === added?.id).map((p) => p.name)).toEqual(['Second Project']);
  expect(store?.memberAccounts().map((a) => a.id)).toEqual([upgraded?.user.accountId, added?.id]);
  store?.close();
  // Written back: loading again changes nothing.
  expect(Store.load(dir)?.state.legacyToken).toBe(upgraded?.legacyToken);
});
