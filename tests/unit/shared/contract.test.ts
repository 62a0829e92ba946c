// The IPC contract refuses anything malformed before a handler could see it, and never carries a token outward.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { type DesktopApi, splitChannel } from '../../../src/shared/desktop-api';
import { eventChannels, type InvokeChannel, invokeChannels, IpcRequestError, parseRequest } from '../../../src/shared/ipc/contract';
import { MAX_PATHS_PER_ENQUEUE } from '../../../src/shared/ipc/schemas';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../src/shared/ipc/channel-names';

/** One valid request per channel: the contract must accept each. */
const valid: { [C in InvokeChannel]: unknown } = {
  'auth:status': {},
  'auth:signIn': { token: 'fio-u-abcdefgh', apiUrl: 'https://api.frame.io/v2' },
  'auth:signOut': {},
  'auth:useSandbox': {},
  'auth:adobeSignIn': { sandbox: true },
  'auth:adobeCancel': {},
  'browse:accounts': {},
  'browse:workspaces': { accountId: 'a1' },
  'browse:projects': { accountId: 'a1', workspaceId: 'w1' },
  'browse:sharedProjects': {},
  'browse:children': { folderId: 'f1', cursor: null, pageSize: 100 },
  'browse:createFolder': { parentId: 'f1', name: 'Day 1' },
  'uploads:preflight': { paths: ['/footage/Day 1'], folderId: 'f1' },
  'uploads:enqueue': { paths: ['/footage/A001.mov'], folderId: 'f1', onConflict: 'skip' },
  'uploads:pause': { ids: [1, 2] },
  'uploads:resume': { batchId: 'b1' },
  'uploads:cancel': {},
  'uploads:retry': { ids: [3] },
  'uploads:list': {},
  'files:pick': { kind: 'folder' },
  'files:reveal': { path: '/footage/A001.mov' },
  'settings:get': {},
  'settings:set': { theme: 'dark' },
};

const channels = Object.keys(invokeChannels) as InvokeChannel[];

describe('IPC contract', () => {
  it.each(channels)('%s accepts its valid request', (channel) => {
    expect(() => parseRequest(channel, valid[channel])).not.toThrow();
  });

  it.each(channels)('%s refuses wrong types and unknown keys', (channel) => {
    for (const bad of [42, 'text', [], true, { ...(valid[channel] as object), injected: 'x' }]) {
      expect(() => parseRequest(channel, bad), JSON.stringify(bad)).toThrow(IpcRequestError);
    }
  });

  it('refuses an unknown channel, including prototype names', () => {
    for (const channel of ['auth:steal', 'constructor', '__proto__', 'toString']) {
      expect(() => parseRequest(channel as InvokeChannel, {})).toThrow(/unknown channel/);
    }
  });

  it('refuses oversized payloads with a message naming the field', () => {
    const paths = Array.from({ length: MAX_PATHS_PER_ENQUEUE + 1 }, (_, i) => `/f/${i}`);
    expect(() => parseRequest('uploads:enqueue', { paths, folderId: 'f1' })).toThrow(/uploads:enqueue: invalid request \(paths: /);
    expect(() => parseRequest('files:reveal', { path: 'x'.repeat(5000) })).toThrow(/path:/);
    expect(() => parseRequest('auth:signIn', { token: 'x'.repeat(5000) })).toThrow(/token:/);
    expect(() => parseRequest('browse:createFolder', { parentId: 'f1', name: '' })).toThrow(/name:/);
    expect(() => parseRequest('uploads:pause', { ids: [-1] })).toThrow(/ids\.0:/);
  });

  it('never sends a token to the renderer: no response or event has a token field', () => {
    const keys = (schema: z.ZodType): string[] => {
      const def = (schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType } }).def;
      if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([k, v]) => [k, ...keys(v)]);
      if (def.type === 'array' && def.element) return keys(def.element);
      if ((def.type === 'nullable' || def.type === 'optional') && def.innerType) return keys(def.innerType);
      return [];
    };
    const outward = [...channels.map((c) => invokeChannels[c].response), ...Object.values(eventChannels)].flatMap(keys);
    expect(outward.length).toBeGreaterThan(20);
    expect(outward.filter((k) => /token|secret|password/i.test(k))).toEqual([]);
  });

  it('the schema-free channel lists (used by the preload) equal the contract', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(invokeChannels).sort());
    expect([...EVENT_CHANNELS].sort()).toEqual(Object.keys(eventChannels).sort());
  });

  it('derives DesktopApi verbs from the channels', () => {
    expect(channels.map(splitChannel)).toContainEqual(['uploads', 'enqueue']);
    expectTypeOf<DesktopApi['uploads']['enqueue']>().parameter(0).toEqualTypeOf<{
      paths: string[];
      folderId: string;
      accountId?: string | null | undefined;
      onConflict?: 'skip' | 'rename' | 'version' | undefined;
      versionOf?: string | undefined;
    }>();
    expectTypeOf<ReturnType<DesktopApi['auth']['status']>>().toEqualTypeOf<Promise<z.output<(typeof invokeChannels)['auth:status']['response']>>>();
    expectTypeOf<DesktopApi['on']>().returns.toEqualTypeOf<() => void>();
  });
});
