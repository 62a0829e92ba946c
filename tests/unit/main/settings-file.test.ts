// Settings survive a restart; a damaged file gives defaults for what is wrong and keeps what is right.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings, saveSettings } from '../../../src/main/backend/settings-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings file', () => {
  it('round-trips', async () => {
    const file = path.join(dir, 'nested', 'settings.json');
    const kept = { theme: 'dark', partsInFlight: 12, onConflict: 'rename', imsClientId: 'ferry-app', imsRedirectUri: 'adobe+abc123://callback', imsUrl: '' } as const;
    saveSettings(file, kept);
    expect(loadSettings(file)).toEqual(kept);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ theme: 'dark' });
  });

  it('a missing, broken or hand-edited file gives defaults for what is wrong', async () => {
    const file = path.join(dir, 'settings.json');
    expect(loadSettings(file)).toEqual({});
    await writeFile(file, '{ not json');
    expect(loadSettings(file)).toEqual({});
    await writeFile(file, JSON.stringify({ theme: 'purple', partsInFlight: 16, onConflict: 'skip', extra: true }));
    expect(loadSettings(file)).toEqual({ partsInFlight: 16, onConflict: 'skip' });
  });
});
