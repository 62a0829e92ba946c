// Folder mirroring: a failure names the folder it was about (a 401 stays a 401 for the auth gate), a failed listing
// is not cached, and a resumed batch knows every folder its files need.
import { describe, expect, it } from 'vitest';
import { FrameioError } from '../../../src/core/frameio/errors';
import type { Asset, FrameioClient } from '../../../src/core/frameio/types';
import { Limiter } from '../../../src/core/upload/limiter';
import { foldersFor, RemoteFolders, RemoteIndex, resolveConflict } from '../../../src/core/upload/remote-plan';

const folder = (id: string, name: string) => ({ id, name, type: 'folder' }) as Asset;

function fakeClient(overrides: Partial<FrameioClient>): FrameioClient {
  return { listChildren: async () => [], createFolder: async (_parent: string, name: string) => folder(`id-${name}`, name), ...overrides } as FrameioClient;
}

/** Makes the folders the way a batch does, and waits for the last one (a file in it). */
async function mirror(client: FrameioClient, folders: string[]): Promise<string> {
  const remote = new RemoteFolders(client, new RemoteIndex(client), 'root', new Limiter(2), {});
  await remote.target();
  remote.startAll(folders);
  return remote.id(folders[folders.length - 1] as string);
}

describe('RemoteFolders', () => {
  it('names the folder it could not create', async () => {
    const client = fakeClient({
      createFolder: async (_parent, name) => {
        if (name === 'Cam A') throw new FrameioError('forbidden', 'You only have view access', 403);
        return folder(`id-${name}`, name);
      },
    });
    await expect(mirror(client, ['Day 2', 'Day 2/Cam A'])).rejects.toThrow(
      'Could not create the folder "Day 2/Cam A" in Frame.io: You only have view access',
    );
  });

  it('names the folder it could not read, the destination included', async () => {
    const failing = fakeClient({ listChildren: async () => Promise.reject(new FrameioError('rate_limited', 'Too many requests', 429)) });
    await expect(mirror(failing, ['Day 2'])).rejects.toThrow(
      'Could not read the destination folder in Frame.io: Too many requests',
    );
  });

  it('lets a 401 through unchanged, so the auth gate can ask for a new token', async () => {
    const unauthorized = new FrameioError('unauthorized', 'token expired', 401);
    const client = fakeClient({ createFolder: async () => Promise.reject(unauthorized) });
    await expect(mirror(client, ['Day 2'])).rejects.toBe(unauthorized);
  });
});

describe('RemoteFolders, folder by folder', () => {
  it("gives a folder's id as soon as it exists, while a sibling is still being created, and never lists a folder it made", async () => {
    let releaseSlow = () => {};
    const slow = new Promise<void>((r) => (releaseSlow = r));
    const listed: string[] = [];
    const client = fakeClient({
      listChildren: async (id: string) => {
        listed.push(id);
        return [];
      },
      createFolder: async (_parent, name) => {
        if (name === 'Cam B') await slow;
        return folder(`id-${name}`, name);
      },
    });
    const found: Record<string, string> = {};
    const remote = new RemoteFolders(client, new RemoteIndex(client), 'root', new Limiter(4), {});
    remote.onFound = (path, id) => (found[path] = id);
    remote.startAll(['Day 1', 'Day 1/Cam A', 'Day 1/Cam B']);
    expect(await remote.id('Day 1/Cam A')).toBe('id-Cam A'); // Cam B's create has not answered yet
    expect(found).toEqual({ 'Day 1': 'id-Day 1', 'Day 1/Cam A': 'id-Cam A' });
    releaseSlow();
    expect(await remote.id('Day 1/Cam B')).toBe('id-Cam B');
    expect(listed).toEqual(['root']); // "Day 1" was made by this batch: empty, not listed
  });

  it('tries a failed folder again on the next run, not before', async () => {
    let attempts = 0;
    const client = fakeClient({
      createFolder: async (_parent, name) => {
        if (++attempts === 1) throw new FrameioError('network', 'socket hang up');
        return folder(`id-${name}`, name);
      },
    });
    const remote = new RemoteFolders(client, new RemoteIndex(client), 'root', new Limiter(2), {});
    await expect(remote.id('Day 2')).rejects.toThrow('Could not create the folder "Day 2" in Frame.io: socket hang up');
    await expect(remote.id('Day 2')).rejects.toThrow(/socket hang up/); // the same run: the same answer, no new call
    expect(attempts).toBe(1);
    remote.forgetFailures();
    expect(await remote.id('Day 2')).toBe('id-Day 2');
    expect(attempts).toBe(2);
  });
});

describe('RemoteIndex', () => {
  it('lists again after a failed listing instead of repeating the failure', async () => {
    let calls = 0;
    const client = fakeClient({
      listChildren: async () => {
        calls++;
        if (calls === 1) throw new FrameioError('unauthorized', 'token expired', 401);
        return [folder('f', 'Day 2')];
      },
    });
    const index = new RemoteIndex(client);
    await expect(index.children('root')).rejects.toThrow('token expired');
    expect([...(await index.children('root')).names()]).toEqual(['Day 2']);
    await index.children('root');
    expect(calls).toBe(2);
  });
});

describe('resolveConflict in a large folder', () => {
  it('costs each file one lookup, not a search of the folder (issue 14: no per-file work that grows with it)', async () => {
    const SIZE = 20_000;
    let reads = 0;
    const assets = Array.from({ length: SIZE }, (_, i) => {
      const asset = { id: `a${i}`, type: 'file', size: 10, uploadComplete: true } as Asset;
      Object.defineProperty(asset, 'name', { get: () => (reads++, `clip ${i}.mov`) });
      return asset;
    });
    const index = new RemoteIndex(fakeClient({ listChildren: async () => assets }));
    const decisions = [];
    // 20,000 files into the folder of 20,000: every one's name is taken (skip: same size; rename: the next free name).
    for (let i = 0; i < SIZE; i++) decisions.push(await resolveConflict(index, 'root', `clip ${i}.mov`, 10, i % 2 ? 'skip' : 'rename'));
    expect(decisions[0]).toEqual({ action: 'upload', remoteName: 'clip 0 (1).mov', versionOf: null });
    expect(decisions[1]).toMatchObject({ action: 'skip', existing: { id: 'a1' } });
    expect(decisions.filter((d) => d.action === 'skip')).toHaveLength(SIZE / 2);
    // The listing's names are read once, to index them (each file searching the folder read them 20,000 times each).
    expect(reads).toBe(SIZE);
  });
});

describe('foldersFor', () => {
  it('lists every folder the remote dirs need, parents included, once', () => {
    expect(foldersFor(['', 'Day 2/Cam A/Card 1', 'Day 2', 'Day 3']).sort()).toEqual(['Day 2', 'Day 2/Cam A', 'Day 2/Cam A/Card 1', 'Day 3']);
  });
});
