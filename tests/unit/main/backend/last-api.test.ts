// The API last signed in to is looked in first at the next launch; without a record (a first launch, or settings from
// a Ferry that signed in to V2 by default), V4 and then V2. A damaged record is no record.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LastApi } from '../../../../src/main/backend/last-api';
import { FRAMEIO_V2_API_URL, FRAMEIO_V4_API_URL } from '../../../../src/shared/frameio-api';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-last-api-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('last API', () => {
  it('no record: V4, then the legacy V2', () => {
    expect(new LastApi(path.join(dir, 'last-api.json')).candidates()).toEqual([FRAMEIO_V4_API_URL, FRAMEIO_V2_API_URL]);
    expect(new LastApi().candidates()).toEqual([FRAMEIO_V4_API_URL, FRAMEIO_V2_API_URL]);
  });

  it('remembers a sign-in across launches, first in line; each API once', async () => {
    const file = path.join(dir, 'nested', 'last-api.json');
    new LastApi(file).remember(FRAMEIO_V2_API_URL);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ apiUrl: FRAMEIO_V2_API_URL });
    expect(new LastApi(file).candidates()).toEqual([FRAMEIO_V2_API_URL, FRAMEIO_V4_API_URL]);
    new LastApi(file).remember('http://127.0.0.1:8080/v4');
    expect(new LastApi(file).candidates()).toEqual(['http://127.0.0.1:8080/v4', FRAMEIO_V4_API_URL, FRAMEIO_V2_API_URL]);
  });

  it('a damaged or foreign record is no record; a record that cannot be written is only a hint lost', async () => {
    const file = path.join(dir, 'last-api.json');
    for (const text of ['{ not json', '"https://api.frame.io/v4"', JSON.stringify({ apiUrl: 'https://example.com/v3' }), JSON.stringify({ apiUrl: 7 })]) {
      await writeFile(file, text);
      expect(new LastApi(file).candidates()).toEqual([FRAMEIO_V4_API_URL, FRAMEIO_V2_API_URL]);
    }
    await writeFile(path.join(dir, 'blocker'), 'a file where a folder should be');
    const unwritable = new LastApi(path.join(dir, 'blocker', 'last-api.json'));
    expect(() => unwritable.remember(FRAMEIO_V2_API_URL)).not.toThrow();
    expect(unwritable.candidates()[0]).toBe(FRAMEIO_V2_API_URL); // for this run
  });
});
