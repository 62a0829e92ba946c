// Folder mirroring: a failure names the folder it was about (a 401 stays a 401 for the auth gate), a failed listing
// is not cached, and a resumed batch knows every folder its files need.
import { describe, expect, it } from 'vitest';
import { FrameioError } from '../../../src/core/frameio/errors';
import type { Asset, FrameioClient } from '../../../src/core/frameio/types';
import { Limiter } from '../../../src/core/upload/limiter';
import { foldersFor, mirrorFolders, RemoteIndex } from '../../../src/core/upload/remote-plan';

const folder = (id: string, name: string) => ({ id, name, type: 'folder' }) as Asset;

function fakeClient(overrides: Partial<FrameioClient>): FrameioClient {
  return { listChildren: async () => [], createFolder: async (_parent: string, name: string) => folder(`id-${name}`, name), ...overrides } as FrameioClient;
}

describe('mirrorFolders', () => {
  it('names the folder it could not create', async () => {
    const client = fakeClient({
      createFolder: async (_parent, name) => {
        if (name === 'Cam A') throw new FrameioError('forbidden', 'You only have view access', 403);
        return folder(`id-${name}`, name);
      },
    });
    await expect(mirrorFolders(client, new RemoteIndex(client), 'root', ['Day 2', 'Day 2/Cam A'], new Limiter(2))).rejects.toThrow(
      'Could not create the folder "Day 2/Cam A" in Frame.io: You only have view access',
    );
  });

  it('names the folder it could not read, the destination included', async () => {
    const failing = fakeClient({ listChildren: async () => Promise.reject(new FrameioError('rate_limited', 'Too many requests', 429)) });
    await expect(mirrorFolders(failing, new RemoteIndex(failing), 'root', ['Day 2'], new Limiter(2))).rejects.toThrow(
      'Could not read the destination folder in Frame.io: Too many requests',
    );
  });

  it('lets a 401 through unchanged, so the auth gate can ask for a new token', async () => {
    const unauthorized = new FrameioError('unauthorized', 'token expired', 401);
    const client = fakeClient({ createFolder: async () => Promise.reject(unauthorized) });
    await expect(mirrorFolders(client, new RemoteIndex(client), 'root', ['Day 2'], new Limiter(2))).rejects.toBe(unauthorized);
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
    expect((await index.children('root')).map((a) => a.name)).toEqual(['Day 2']);
    await index.children('root');
    expect(calls).toBe(2);
  });
});

describe('foldersFor', () => {
  it('lists every folder the remote dirs need, parents included, once', () => {
    expect(foldersFor(['', 'Day 2/Cam A/Card 1', 'Day 2', 'Day 3']).sort()).toEqual(['Day 2', 'Day 2/Cam A', 'Day 2/Cam A/Card 1', 'Day 3']);
  });
});
