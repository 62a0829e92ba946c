// The sign-in store's state machine with an in-memory Frame.io (tests/support/fake-frameio.ts: a real Pacer, so a bad
// token is a real 401 through the real retry path), a vault in a Map that a test can make refuse, and a sandbox that
// is only an object with a close(). Real engine sessions run underneath, so "the old session still works" is an
// upload that completes. No sockets, no fixed sleeps.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameioError } from '../../../../src/core/frameio/errors';
import { scanPaths } from '../../../../src/core/upload/scan';
import { EngineSession } from '../../../../src/main/backend/engine-session';
import { SandboxLifecycle, type SandboxHandle } from '../../../../src/main/backend/sandbox-lifecycle';
import { statusOf } from '../../../../src/main/backend/sign-in-state';
import { type ClientFactory, SignInStore, type TokenVault } from '../../../../src/main/backend/sign-in-store';
import type { AuthStatus } from '../../../../src/shared/ipc/schemas';
import { FakeFrameio, instantSleep } from '../../../support/fake-frameio';
import { waitFor } from '../../../support/wait';

const A = 'https://a.example/v2';
const B = 'https://b.example/v2';
const SANDBOX = 'http://127.0.0.1:4999/v2';
const ACCOUNTS: Record<string, { token: string; name: string }> = {
  [A]: { token: 'token-of-ada', name: 'Ada' },
  [B]: { token: 'token-of-bob', name: 'Bob' },
  [SANDBOX]: { token: 'sandbox-demo-token', name: 'Demo User' },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-sign-in-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function harness(options: { saved?: Record<string, string> } = {}) {
  const saved = new Map(Object.entries(options.saved ?? {}));
  const vaultFailures = { set: null as Error | null, delete: null as Error | null };
  const vault: TokenVault = {
    get: async (url) => saved.get(url) ?? null,
    set: async (url, token) => {
      if (vaultFailures.set) throw vaultFailures.set;
      saved.set(url, token);
    },
    delete: async (url) => {
      if (vaultFailures.delete) throw vaultFailures.delete;
      saved.delete(url);
    },
  };
  const network = { down: false };
  /** While set, /me waits for it (a test's way of being mid-sign-in). */
  const gates = { me: null as Promise<void> | null };
  /** Every client made, by API: each is its own in-memory Frame.io accepting only that account's token. */
  const made: Array<{ apiUrl: string; token: string; fake: FakeFrameio }> = [];
  const createClient: ClientFactory = (apiUrl, token) => {
    const account = ACCOUNTS[apiUrl];
    if (!account) throw new Error(`no account at ${apiUrl}`);
    const fake = new FakeFrameio({ token: account.token });
    fake.setToken(token); // what this client sends; a wrong one gets a 401 from the fake
    const me = fake.me;
    fake.me = async () => {
      if (gates.me) await gates.me;
      if (network.down) throw new FrameioError('network', 'getaddrinfo ENOTFOUND a.example');
      return { ...(await me()), name: account.name };
    };
    made.push({ apiUrl, token, fake });
    return fake;
  };
  const sandboxes: SandboxHandle[] = [];
  const startSandbox = vi.fn(async (_dataDir: string) => {
    const sandbox = { apiUrl: SANDBOX, token: ACCOUNTS[SANDBOX]!.token, close: vi.fn(async () => {}) };
    sandboxes.push(sandbox);
    return sandbox;
  });
  const statuses: AuthStatus[] = [];
  const store = new SignInStore({
    vault,
    keychainAvailable: true,
    createClient,
    sandboxes: new SandboxLifecycle(path.join(dir, 'sandbox'), async () => startSandbox),
    openSession: (client, apiUrl) => {
      const fake = made.find((m) => m.fake === client)!.fake;
      return new EngineSession({ client, apiUrl, journalDir: path.join(dir, 'journal'), putPart: fake.putPart, sleep: instantSleep, concurrency: 2 }, () => {});
    },
    announce: (status) => statuses.push(status),
    slowDown: () => {},
  });
  const signedIn = () => {
    const state = store.current;
    if (state.kind !== 'signedIn') throw new Error(`expected signed in, is ${state.kind}`);
    return state;
  };
  const fakeOf = () => made.find((m) => m.fake === signedIn().client)!.fake;
  /** A file dropped into the live session's root folder; resolves once it completed there. */
  const upload = async (name: string) => {
    const file = path.join(dir, 'drop', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.alloc(10, 7));
    const { session } = signedIn();
    const fake = fakeOf();
    const { fileIds } = session.enqueue({ scan: await scanPaths([file]), targetFolderId: fake.root }, 'root');
    return {
      fileIds,
      done: waitFor(() => session.rows.row(fileIds[0]!)?.status === 'completed', `${name} completed`).then(() => fake.childrenOf(fake.root).map((a) => a.name)),
    };
  };
  return { store, saved, vaultFailures, network, gates, made, sandboxes, startSandbox, statuses, signedIn, fakeOf, upload };
}

const kinds = (statuses: AuthStatus[]) => statuses.map((s) => (s.signedIn ? `signedIn:${s.user?.name}` : s.connecting ? 'connecting' : s.problem ? 'problem' : 'signedOut'));

describe('restore at launch', () => {
  it('signed out → connecting → signed in with the saved token, announcing each step', async () => {
    const h = harness({ saved: { [A]: ACCOUNTS[A]!.token } });
    expect(h.store.current.kind).toBe('signedOut');
    const restoring = h.store.restoreOrSandbox(A);
    expect(h.store.status()).toMatchObject({ connecting: true, signedIn: false, apiUrl: A }); // at once
    const status = await restoring;
    expect(status).toMatchObject({ signedIn: true, apiUrl: A, user: { name: 'Ada' }, sandbox: false, connecting: false, problem: null });
    expect(kinds(h.statuses)).toEqual(['connecting', 'signedIn:Ada']);
    expect(h.startSandbox).not.toHaveBeenCalled();
    await h.store.close();
  });

  it('several APIs (the last one signed in to, V4, V2): the first with a saved token signs in, the others are not asked', async () => {
    const h = harness({ saved: { [B]: ACCOUNTS[B]!.token } });
    const restoring = h.store.restoreOrSandbox([A, B]);
    expect(h.store.status()).toMatchObject({ connecting: true, apiUrl: A });
    expect(await restoring).toMatchObject({ signedIn: true, apiUrl: B, user: { name: 'Bob' } });
    expect(kinds(h.statuses)).toEqual(['connecting', 'connecting', 'signedIn:Bob']);
    expect(h.statuses[1]).toMatchObject({ connecting: true, apiUrl: B }); // connecting to the API whose token it found
    expect(h.made.map((m) => m.apiUrl)).toEqual([B]);
    expect(h.startSandbox).not.toHaveBeenCalled();
    await h.store.close();
  });

  it('several APIs, none with a saved token: the sandbox', async () => {
    const h = harness();
    expect(await h.store.restoreOrSandbox([A, B])).toMatchObject({ signedIn: true, sandbox: true });
    expect(h.made.map((m) => m.apiUrl)).toEqual([SANDBOX]);
    await h.store.close();
  });

  it('no saved token: opens the sandbox, whose demo token never reaches the vault', async () => {
    const h = harness();
    expect(await h.store.restoreOrSandbox(A)).toMatchObject({ signedIn: true, sandbox: true, apiUrl: SANDBOX });
    expect(kinds(h.statuses)).toEqual(['connecting', 'signedIn:Demo User']);
    expect([...h.saved]).toEqual([]);
    await h.store.close();
    expect(h.sandboxes[0]?.close).toHaveBeenCalledTimes(1);
  });

  it('network down: a problem that says so, retried when the OS says the network is back', async () => {
    const h = harness({ saved: { [A]: ACCOUNTS[A]!.token } });
    h.network.down = true;
    const status = await h.store.restoreOrSandbox(A);
    expect(status).toMatchObject({ signedIn: false, connecting: false, sandbox: false, problem: expect.stringMatching(/Could not reach Frame.io .* tries again when the network is back/) });
    expect(h.store.current).toMatchObject({ kind: 'problem', apiUrl: A, retryWhenOnline: true });
    expect(h.startSandbox).not.toHaveBeenCalled(); // a saved token that failed is not hidden behind the sandbox
    h.network.down = false;
    h.store.networkBack();
    h.store.networkBack(); // a second hint while the first retry runs: still one retry
    await waitFor(() => h.store.current.kind === 'signedIn', 'signed in after the network came back');
    expect(kinds(h.statuses)).toEqual(['connecting', 'problem', 'connecting', 'signedIn:Ada']);
    expect(h.made.filter((m) => m.apiUrl === A)).toHaveLength(2);
    await h.store.close();
  });

  it('a saved token Frame.io no longer accepts: a problem, not retried when the network comes back', async () => {
    const h = harness({ saved: { [A]: 'revoked-token' } });
    expect((await h.store.restoreOrSandbox(A)).problem).toMatch(/no longer accepts the saved token/);
    expect(h.store.current).toMatchObject({ kind: 'problem', retryWhenOnline: false });
    h.store.networkBack();
    expect(h.made).toHaveLength(1);
  });
});

describe('sign-in', () => {
  it('signed out → signed in: validated with /me, then the token is saved', async () => {
    const h = harness();
    expect(await h.store.signIn(A, ACCOUNTS[A]!.token)).toMatchObject({ signedIn: true, apiUrl: A, user: { name: 'Ada' } });
    expect([...h.saved]).toEqual([[A, ACCOUNTS[A]!.token]]);
    expect(kinds(h.statuses)).toEqual(['signedIn:Ada']);
    expect(h.made[0]?.fake.calls[0]).toBe('me');
    await h.store.close();
  });

  it('a bad token changes nothing: still signed out, nothing saved, a clear message', async () => {
    const h = harness();
    await expect(h.store.signIn(A, 'not-the-token')).rejects.toThrow('Frame.io rejected this token. Check it and try again.');
    expect(h.store.current).toEqual({ kind: 'signedOut' });
    expect([...h.saved]).toEqual([]);
    expect(kinds(h.statuses)).toEqual(['signedOut']); // the window hears where things stand
  });

  it('a bad token while signed in: the previous account stays signed in, its uploads going on', async () => {
    const h = harness();
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    const before = h.signedIn();
    h.fakeOf().holdPartsFromNowOn();
    const { done } = await h.upload('clip.mov');
    await waitFor(() => h.fakeOf().held.length > 0, 'a part in flight');
    await expect(h.store.signIn(B, 'not-bobs-token')).rejects.toThrow(/rejected this token/);
    expect(h.store.current).toBe(before);
    h.fakeOf().holdPartsFromNowOn(false);
    for (const part of h.fakeOf().held.splice(0)) part.release();
    expect(await done).toEqual(['clip.mov']);
    await h.store.close();
  });

  it('a keychain that refuses the token after a good /me: not signed in as the new account; the old session still works', async () => {
    const h = harness();
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    const before = h.signedIn();
    h.fakeOf().holdPartsFromNowOn();
    const { done } = await h.upload('mid-switch.mov');
    await waitFor(() => h.fakeOf().held.length > 0, 'a part in flight');
    h.vaultFailures.set = new Error('The keychain is locked');
    const heard = h.statuses.length;

    await expect(h.store.signIn(B, ACCOUNTS[B]!.token)).rejects.toThrow(/keychain could not keep the token \(The keychain is locked\).* did not switch.* still signed in as before/);
    expect(h.made.find((m) => m.apiUrl === B)?.fake.calls).toEqual(['me']); // /me said yes: the keychain was the failure
    expect(h.store.current).toBe(before); // the same client, user and session
    expect(h.store.status()).toMatchObject({ signedIn: true, apiUrl: A, user: { name: 'Ada' } });
    expect(kinds(h.statuses.slice(heard))).toEqual(['signedIn:Ada']); // never Bob
    expect([...h.saved]).toEqual([[A, ACCOUNTS[A]!.token]]);
    // Still working: the part in flight goes on, the upload completes, and the client still browses.
    h.fakeOf().holdPartsFromNowOn(false);
    for (const part of h.fakeOf().held.splice(0)) part.release();
    expect(await done).toEqual(['mid-switch.mov']);
    expect(await before.client.listAccounts()).toEqual([{ id: 'acc', name: 'Account' }]);
    await h.store.close();
  });

  it('a keychain that refuses while signed out: still signed out', async () => {
    const h = harness();
    h.vaultFailures.set = new Error('no secret service');
    await expect(h.store.signIn(A, ACCOUNTS[A]!.token)).rejects.toThrow(/keychain could not keep the token.* You are not signed in/);
    expect(h.store.current).toEqual({ kind: 'signedOut' });
    expect(kinds(h.statuses)).toEqual(['signedOut']);
  });

  it('switching accounts stops the old session only once the new one is validated and saved', async () => {
    const h = harness();
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    const old = h.signedIn().session;
    const stop = vi.spyOn(old, 'stop');
    await h.store.signIn(B, ACCOUNTS[B]!.token);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(h.store.status()).toMatchObject({ signedIn: true, apiUrl: B, user: { name: 'Bob' } });
    expect(new Map(h.saved)).toEqual(new Map([[A, ACCOUNTS[A]!.token], [B, ACCOUNTS[B]!.token]]));
    await h.store.close();
  });

  it('sign-ins asked together run one after the other: the last one asked is the one signed in', async () => {
    const h = harness();
    const first = h.store.signIn(A, ACCOUNTS[A]!.token);
    const second = h.store.signIn(B, ACCOUNTS[B]!.token);
    await Promise.all([first, second]);
    expect(h.store.status()).toMatchObject({ apiUrl: B });
    expect(kinds(h.statuses)).toEqual(['signedIn:Ada', 'signedIn:Bob']);
    await h.store.close();
  });
});

describe('the sandbox', () => {
  it('signing in to an account from the sandbox closes the sandbox', async () => {
    const h = harness();
    await h.store.useSandbox();
    const [sandbox] = h.sandboxes;
    expect(h.store.status()).toMatchObject({ signedIn: true, sandbox: true });
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    expect(sandbox?.close).toHaveBeenCalledTimes(1);
    expect(h.store.current).toMatchObject({ kind: 'signedIn', apiUrl: A, sandbox: null });
    await h.store.close();
  });

  it('a sign-in from the sandbox that fails keeps the sandbox open and signed in', async () => {
    const h = harness();
    await h.store.useSandbox();
    await expect(h.store.signIn(A, 'wrong-token')).rejects.toThrow(/rejected/);
    expect(h.sandboxes[0]?.close).not.toHaveBeenCalled();
    expect(h.store.status()).toMatchObject({ signedIn: true, sandbox: true });
    await h.store.close();
  });

  it('"Try the sandbox" from an account leaves the account\'s token saved; trying it again keeps the one sandbox', async () => {
    const h = harness();
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    await h.store.useSandbox();
    await h.store.useSandbox();
    expect(h.startSandbox).toHaveBeenCalledTimes(1);
    expect(h.store.status()).toMatchObject({ signedIn: true, sandbox: true });
    expect([...h.saved]).toEqual([[A, ACCOUNTS[A]!.token]]);
    await h.store.close();
  });
});

describe('sign-out and close', () => {
  it('sign-out stops the session and forgets the token', async () => {
    const h = harness();
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    const stop = vi.spyOn(h.signedIn().session, 'stop');
    expect(await h.store.signOut()).toMatchObject({ signedIn: false, apiUrl: null, user: null });
    expect(stop).toHaveBeenCalled();
    expect([...h.saved]).toEqual([]);
    expect(h.statuses.at(-1)).toMatchObject({ signedIn: false });
  });

  it('sign-out of the sandbox closes it and leaves the vault alone', async () => {
    const h = harness({ saved: { [A]: 'kept' } });
    await h.store.useSandbox();
    await h.store.signOut();
    expect(h.sandboxes[0]?.close).toHaveBeenCalledTimes(1);
    expect([...h.saved]).toEqual([[A, 'kept']]);
  });

  it('a keychain that will not forget: signed out anyway, and told', async () => {
    const h = harness();
    await h.store.signIn(A, ACCOUNTS[A]!.token);
    h.vaultFailures.delete = new Error('locked');
    await expect(h.store.signOut()).rejects.toThrow(/could not forget the token/);
    expect(h.store.current).toEqual({ kind: 'signedOut' });
    expect(h.statuses.at(-1)).toMatchObject({ signedIn: false });
  });

  it('close() during a sign-in: the sign-in never switches or saves, and a sandbox it started is closed', async () => {
    const h = harness();
    let release = () => {};
    h.gates.me = new Promise<void>((resolve) => (release = resolve));
    const signingIn = h.store.signIn(A, ACCOUNTS[A]!.token);
    const trying = h.store.useSandbox(); // asked meanwhile: waits its turn, and is dropped by the close
    await waitFor(() => h.made.length === 1, '/me asked');
    await h.store.close();
    release();
    await expect(signingIn).rejects.toThrow(/closing/);
    await expect(trying).rejects.toThrow(/closing/);
    expect(h.store.current).toEqual({ kind: 'signedOut' });
    expect([...h.saved]).toEqual([]);
    expect(h.startSandbox).not.toHaveBeenCalled();

    const sandboxed = harness();
    sandboxed.gates.me = new Promise<void>((resolve) => (release = resolve));
    const opening = sandboxed.store.useSandbox();
    await waitFor(() => sandboxed.made.length === 1, '/me asked of the sandbox');
    await sandboxed.store.close();
    release();
    await expect(opening).rejects.toThrow(/closing/);
    expect(sandboxed.store.current).toEqual({ kind: 'signedOut' });
    expect(sandboxed.sandboxes[0]?.close).toHaveBeenCalledTimes(1);
  });
});

describe('status', () => {
  it('is derived from the one state: each kind says only what it knows', () => {
    expect(statusOf({ kind: 'signedOut' }, false)).toEqual({ signedIn: false, apiUrl: null, user: null, sandbox: false, keychainAvailable: false, connecting: false, problem: null, signedInWith: null });
    expect(statusOf({ kind: 'connecting', apiUrl: A }, true)).toMatchObject({ signedIn: false, connecting: true, apiUrl: A, problem: null });
    expect(statusOf({ kind: 'problem', apiUrl: A, message: 'why', retryWhenOnline: true }, true)).toMatchObject({ signedIn: false, connecting: false, problem: 'why' });
  });
});
