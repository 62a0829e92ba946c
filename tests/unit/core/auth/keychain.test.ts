// The token store against a real OS keychain: gnome-keyring on a private D-Bus session, which `npm test`
// (scripts/test.sh) provides with dbus-run-session. No mocks: every assertion goes through @napi-rs/keyring
// to the Secret Service, and is cross-checked with an independent client (secret-tool, from libsecret-tools).
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KEYCHAIN_SERVICE,
  KeychainUnavailableError,
  createKeychainTokenStore,
  createSessionTokenStore,
  normaliseApiUrl,
  openTokenStore,
  type TokenStore,
} from '../../../../src/core/auth/keychain';

const run = promisify(execFile);
const MODULE = resolve(import.meta.dirname, '../../../../src/core/auth/keychain.ts');
// Our own service name, so a test run never touches a real sign-in under KEYCHAIN_SERVICE.
const SERVICE = `${KEYCHAIN_SERVICE}.test-${randomBytes(4).toString('hex')}`;
const API = 'https://api.frame.io/v4';
const OTHER_API = 'http://127.0.0.1:8443/v4';

const newToken = (): string => `fio-u-${randomBytes(24).toString('base64url')}`;

/** Every file under `dir` whose bytes contain `needle` (as UTF-8, UTF-16LE or base64). */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(Buffer.from(needle).toString('base64'))];
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    if (forms.some((form) => bytes.includes(form))) hits.push(path);
  }
  return hits;
}

/** What an independent Secret Service client (libsecret's secret-tool) finds for this entry. */
function secretToolLookup(service: string, account: string): string | null {
  const result = spawnSync('secret-tool', ['lookup', 'service', service, 'username', account], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.status === 0 ? result.stdout : null;
}

/** Runs `body` (an async function body with `m` = the token-store module) in a fresh Node process. */
async function inChild(body: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const code = `const m = await import(${JSON.stringify(MODULE)});\n` +
    `const out = await (async () => { ${body} })();\nprocess.stdout.write(JSON.stringify(out));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env,
    timeout: 60_000,
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

/** The environment of a process whose HOME, XDG and temp folders all live in `home`. */
function homeEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
    TMPDIR: home,
    ...extra,
  };
}

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ferry-token-store-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('API URL normalisation (the keychain account)', () => {
  it('drops trailing slashes, query and fragment and lower-cases the host', () => {
    expect(normaliseApiUrl('https://API.Frame.io/v4/')).toBe('https://api.frame.io/v4');
    expect(normaliseApiUrl(' https://api.frame.io/v4//?x=1#y ')).toBe('https://api.frame.io/v4');
    expect(normaliseApiUrl('https://api.frame.io:443/')).toBe('https://api.frame.io');
    expect(normaliseApiUrl('http://127.0.0.1:8443/v4')).toBe('http://127.0.0.1:8443/v4');
  });
  it('rejects what is not an http(s) URL, and URLs carrying credentials', () => {
    expect(() => normaliseApiUrl('api.frame.io')).toThrow(TypeError);
    expect(() => normaliseApiUrl('file:///etc/passwd')).toThrow(TypeError);
    expect(() => normaliseApiUrl('https://user:secret@api.frame.io/v4')).toThrow(/credentials/);
  });
});

describe('session store (no keychain)', () => {
  it('keeps tokens in memory per API URL and reports itself as not persistent', async () => {
    const store = createSessionTokenStore();
    expect(store).toMatchObject({ kind: 'session', persistent: false });
    expect(await store.get(API)).toBeNull();
    await store.set(`${API}/`, 'a-token');
    await store.set(OTHER_API, 'b-token');
    expect(await store.get(API)).toBe('a-token');
    expect(await store.get(OTHER_API)).toBe('b-token');
    await store.delete(API);
    await store.delete(API);
    expect(await store.get(API)).toBeNull();
    expect(await store.get(OTHER_API)).toBe('b-token');
    await expect(createSessionTokenStore().get(OTHER_API)).resolves.toBeNull();
    await expect(store.set(API, '  ')).rejects.toThrow(/empty/);
  });
});

describe('keychain store against a real Secret Service (gnome-keyring on D-Bus)', () => {
  let store: TokenStore;

  beforeAll(async () => {
    const opened = await openTokenStore({ service: SERVICE });
    if (!opened.persistent) {
      throw new Error(`These tests need a Secret Service on a D-Bus session: run them with \`npm test\` ` +
        `(scripts/test.sh starts gnome-keyring under dbus-run-session). ${opened.reason ?? ''}`);
    }
    store = opened.store;
  });

  afterAll(async () => {
    await store?.delete(API).catch(() => undefined);
    await store?.delete(OTHER_API).catch(() => undefined);
  });

  it('openTokenStore() finds the keychain: persistent, and the probe entry is gone', async () => {
    const opened = await openTokenStore({ service: SERVICE });
    expect(opened.persistent).toBe(true);
    expect(opened.reason).toBeUndefined();
    expect(opened.store).toMatchObject({ kind: 'keychain', persistent: true });
    expect(secretToolLookup(SERVICE, 'https://ferry-keychain-probe.invalid')).toBeNull();
  });

  it('stores, reads back, overwrites and deletes a token, as seen by another Secret Service client', async () => {
    const first = newToken();
    const second = newToken();
    expect(await store.get(API)).toBeNull();
    await store.set(API, first);
    expect(await store.get(API)).toBe(first);
    expect(secretToolLookup(SERVICE, API)).toBe(first);

    await store.set(`${API}/`, second); // same entry: the account is the normalised URL
    expect(await store.get(API)).toBe(second);
    expect(secretToolLookup(SERVICE, API)).toBe(second);

    await store.delete(API);
    expect(await store.get(API)).toBeNull();
    expect(secretToolLookup(SERVICE, API)).toBeNull();
    await expect(store.delete(API)).resolves.toBeUndefined(); // deleting nothing is fine
  });

  it('keeps different API URLs in separate entries', async () => {
    const a = newToken();
    const b = newToken();
    await store.set(API, a);
    await store.set(OTHER_API, b);
    expect(await store.get(API)).toBe(a);
    expect(await store.get(OTHER_API)).toBe(b);
    await store.delete(OTHER_API);
    expect(await store.get(OTHER_API)).toBeNull();
    expect(await store.get(API)).toBe(a);
    await store.delete(API);
  });

  it('returns null for an entry that was never stored (and for another service name)', async () => {
    expect(await store.get('https://never-stored.example/v4')).toBeNull();
    await store.set(API, newToken());
    expect(await createKeychainTokenStore({ service: `${SERVICE}.other` }).get(API)).toBeNull();
    await store.delete(API);
  });

  it('refuses an empty token without touching the keychain', async () => {
    await expect(store.set(API, '')).rejects.toThrow(TypeError);
    await expect(store.set(API, 'abc\ndef')).rejects.toThrow(TypeError);
    expect(await store.get(API)).toBeNull();
  });

  it('writes no token bytes to disk: not in HOME/XDG/TMPDIR of the process, nor in clear in the keyring files', async () => {
    const token = newToken();
    const childHome = join(home, 'keychain-user');
    const env = homeEnv(childHome, { FERRY_TEST_TOKEN: token, FERRY_TEST_SERVICE: SERVICE });
    await mkdir(childHome, { recursive: true });
    const out = await inChild(`
      const { store, persistent } = await m.openTokenStore({ service: process.env.FERRY_TEST_SERVICE });
      await store.set(${JSON.stringify(API)}, process.env.FERRY_TEST_TOKEN);
      const readBack = (await store.get(${JSON.stringify(API)})) === process.env.FERRY_TEST_TOKEN;
      return { persistent, readBack };`, env);
    expect(out).toEqual({ persistent: true, readBack: true });
    expect(secretToolLookup(SERVICE, API)).toBe(token);
    // gnome-keyring's own files (scripts/test.sh gives the daemon a throwaway data folder): encrypted, never clear.
    const keyringData = process.env.FERRY_TEST_KEYRING_DATA;
    if (keyringData) expect(await filesContaining(keyringData, token)).toEqual([]);

    await inChild(`await (await m.openTokenStore({ service: process.env.FERRY_TEST_SERVICE })).store.delete(${JSON.stringify(API)}); return null;`, env);
    expect(secretToolLookup(SERVICE, API)).toBeNull();
    expect(await filesContaining(childHome, token)).toEqual([]);
    if (keyringData) expect(await filesContaining(keyringData, token)).toEqual([]);
    // The grep itself works: a file that does hold the token is found.
    await writeFile(join(childHome, 'canary'), `x${token}x`);
    expect(await filesContaining(childHome, token)).toEqual([join(childHome, 'canary')]);
  });
});

describe('without a D-Bus session', () => {
  const probe = `
    const opened = await m.openTokenStore({ service: process.env.FERRY_TEST_SERVICE });
    await opened.store.set('https://api.frame.io/v4', process.env.FERRY_TEST_TOKEN);
    const readBack = (await opened.store.get('https://api.frame.io/v4')) === process.env.FERRY_TEST_TOKEN;
    let direct;
    try { await m.createKeychainTokenStore({ service: process.env.FERRY_TEST_SERVICE }).get('https://api.frame.io/v4'); direct = 'no error'; }
    catch (e) { direct = e instanceof m.KeychainUnavailableError ? 'KeychainUnavailableError: ' + e.message : String(e); }
    return { persistent: opened.persistent, kind: opened.store.kind, reason: opened.reason, readBack, direct };`;

  it.each([
    ['DBUS_SESSION_BUS_ADDRESS pointing nowhere', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ferry-bus' }],
    ['DBUS_SESSION_BUS_ADDRESS unset', { DBUS_SESSION_BUS_ADDRESS: undefined }],
  ])('falls back to the session store with a clear reason (%s)', async (_label, dbus) => {
    const token = newToken();
    const childHome = join(home, `no-dbus-${randomBytes(3).toString('hex')}`);
    await mkdir(childHome, { recursive: true });
    const env = homeEnv(childHome, { FERRY_TEST_TOKEN: token, FERRY_TEST_SERVICE: SERVICE, ...dbus });
    if (dbus.DBUS_SESSION_BUS_ADDRESS === undefined) delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;

    const out = (await inChild(probe, env)) as Record<string, unknown>;
    expect(out).toMatchObject({ persistent: false, kind: 'session', readBack: true });
    expect(out.reason).toMatch(/^The OS keychain is not available, so your Frame\.io token will only be kept until Ferry quits/);
    expect(out.reason).toMatch(/Secret Service/);
    expect(out.reason).toMatch(/Details: .*(D-?Bus|platform storage)/i);
    expect(out.direct).toMatch(/^KeychainUnavailableError: Could not read the token for https:\/\/api\.frame\.io\/v4 in the OS keychain/);
    expect(JSON.stringify(out)).not.toContain(token);
    expect(await filesContaining(childHome, token)).toEqual([]);
  });

  it('is the KeychainUnavailableError class the app can check for', () => {
    expect(new KeychainUnavailableError('x')).toBeInstanceOf(Error);
    expect(new KeychainUnavailableError('x').name).toBe('KeychainUnavailableError');
  });
});
