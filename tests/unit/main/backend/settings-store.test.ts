// Settings: defaults, what the file kept, what the caller starts with; a patch is validated and written before it
// counts, so what the window sees is what the next launch reads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../../src/main/backend/settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-settings-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts from the defaults, then the file, then what the caller gives', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ theme: 'dark', partsInFlight: 'many' }));
    expect(new SettingsStore().get()).toEqual(DEFAULT_SETTINGS);
    expect(new SettingsStore(file, { onConflict: 'rename' }).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', partsInFlight: 8, onConflict: 'rename' });
  });

  it('a patch is kept for the next launch', async () => {
    const file = path.join(dir, 'nested', 'settings.json');
    const store = new SettingsStore(file);
    expect(store.patch({ partsInFlight: 12 })).toEqual({ ...DEFAULT_SETTINGS, partsInFlight: 12 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...DEFAULT_SETTINGS, partsInFlight: 12 });
    expect(new SettingsStore(file).get().partsInFlight).toBe(12);
  });

  it('an invalid patch, or one that cannot be written, changes nothing', async () => {
    const store = new SettingsStore(path.join(dir, 'settings.json'));
    expect(() => store.patch({ partsInFlight: 1000 })).toThrow();
    await writeFile(path.join(dir, 'blocker'), '');
    const unwritable = new SettingsStore(path.join(dir, 'blocker', 'settings.json'));
    expect(() => unwritable.patch({ theme: 'light' })).toThrow();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(unwritable.get()).toEqual(DEFAULT_SETTINGS);
  });

  it("keeps an Adobe sign-in set-up (the app's OAuth Native App credential), and refuses one that could not work", () => {
    const store = new SettingsStore(path.join(dir, 'settings.json'));
    const setUp = { imsClientId: 'ferry-desktop', imsRedirectUri: 'adobe+3f9a1c://callback' };
    expect(store.patch(setUp)).toMatchObject(setUp);
    // A web redirect (anyone's site could take the code), a plain-http sign-in server, a redirect with no client id.
    expect(() => store.patch({ imsRedirectUri: 'https://evil.example/cb' })).toThrow(/app's own scheme/);
    expect(() => store.patch({ imsUrl: 'http://ims.example.com' })).toThrow(/https/);
    expect(() => store.patch({ imsClientId: '' })).toThrow(/client id/);
    expect(store.get()).toMatchObject(setUp);
  });
});
