// Review finding 1: main does not take the renderer's word for what to upload, where to sign in or what to show in
// the file manager. `uploads:preflight` / `uploads:enqueue` take only paths dropped on this window (the preload
// reports them from webUtils.getPathForFile) or picked in its native dialog, each grant redeemed by one upload. `auth:signIn` (and "Sign in with Adobe") go only to Frame.io, a sandbox on this computer, or an origin
// configured in FERRY_API_ORIGINS — never plain http on the network; `files:reveal` shows only an absolute path of a
// file this app uploaded. Each is refused before anything is sent or opened.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import { dispatch } from '../../../src/main/ipc/register-handlers';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import type { InvokeChannel } from '../../../src/shared/ipc/contract';
import type { UploadRow } from '../../../src/shared/ipc/schemas';
import { makeFile } from '../../support/files';
import { waitFor } from '../../support/wait';

let work: string;
let account: Sandbox;
/** A server on the network side (its requests are what a refused sign-in must never send). */
let listener: http.Server;
let heard = 0;
const revealed: string[] = [];
const picks: string[] = [];
const opened: string[] = [];
let backend: DesktopBackend;
const call = <C extends InvokeChannel>(channel: C, payload: unknown = {}) => dispatch(backend.handlers(), channel, payload);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-trust-'));
  account = await startSandbox({ dataDir: path.join(work, 'account') });
  listener = http.createServer((_req, res) => {
    heard++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  backend = new DesktopBackend({
    vault: { get: async () => null, set: async () => undefined, delete: async () => undefined },
    keychainAvailable: true,
    journalDir: path.join(work, 'journal'),
    sandboxDataDir: path.join(work, 'sandbox'),
    pickPaths: async () => picks.splice(0),
    reveal: async (p) => void revealed.push(p),
    openExternal: async (url) => void opened.push(url),
    env: { FERRY_IMS_CLIENT_ID: 'ferry-app', FERRY_IMS_REDIRECT_URI: 'adobe+abc123://callback', FERRY_API_ORIGINS: 'https://frameio-proxy.example.com' },
    push: () => undefined,
  });
});
afterAll(async () => {
  await backend?.close();
  await account?.close();
  listener?.closeAllConnections();
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  await rm(work, { recursive: true, force: true });
});

describe('main trusts the renderer only so far', () => {
  it('signs in only to Frame.io, this computer or a configured origin: plain http on the network and other hosts are refused first', async () => {
    // A name that is not this computer, served on this computer: a sign-in that went ahead would be heard here.
    const port = (listener.address() as AddressInfo).port;
    for (const apiUrl of [`http://ferry-test.invalid:${port}/v4`, 'http://192.0.2.10/v4', 'https://evil.example/v4', 'https://api.frame.io.evil.example/v4']) {
      await expect(call('auth:signIn', { token: 'fio-u-0123456789', apiUrl }), apiUrl).rejects.toThrow(/signs in only to Frame\.io/);
      await expect(call('auth:adobeSignIn', { apiUrl }), apiUrl).rejects.toThrow(/signs in only to Frame\.io/);
    }
    expect(opened).toEqual([]); // no browser opened for a refused Adobe sign-in
    expect(heard).toBe(0);
    // This computer (a `ferry sandbox`), and a configured origin, are fine.
    expect(await call('auth:signIn', { token: account.token, apiUrl: account.apiV4Url })).toMatchObject({ signedIn: true });
    await call('auth:adobeSignIn', { apiUrl: 'https://frameio-proxy.example.com/v4' });
    expect(opened).toHaveLength(1);
    await call('auth:adobeCancel');
  });

  it('reveals only an absolute path of a file it uploaded', async () => {
    const file = await makeFile(path.join(work, 'up', 'A001.mov'), 70_000);
    await expect(call('files:reveal', { path: 'up/A001.mov' })).rejects.toThrow(/only files it uploaded/);
    await expect(call('files:reveal', { path: '/etc/passwd' })).rejects.toThrow(/only files it uploaded/);
    await expect(call('files:reveal', { path: file })).rejects.toThrow(/only files it uploaded/); // not uploaded yet
    expect(revealed).toEqual([]);
    backend.grantDropped([file]); // the person drops it
    await call('uploads:enqueue', { paths: [file], folderId: account.rootFolderId, accountId: account.accountId });
    await waitFor(async () => ((await call('uploads:list')) as UploadRow[]).every((r) => r.status === 'completed'), 'the upload', 60_000);
    await call('files:reveal', { path: file });
    await call('files:reveal', { path: path.join(work, 'up', '.', 'A001.mov') }); // the same file, written another way
    expect(revealed).toEqual([file, file]);
  });

  it('uploads only what was dropped or picked in this window, each grant redeemed once', async () => {
    const card = await makeFile(path.join(work, 'card', 'C001.mov'), 50_000);
    const target = { folderId: account.rootFolderId, accountId: account.accountId };
    // Nothing dropped or picked: a preflight (of the home folder, say) and an upload of a file nobody chose are refused.
    await expect(call('uploads:preflight', { paths: [os.homedir()], ...target })).rejects.toThrow(/not dropped on this window or picked in its dialog/);
    await expect(call('uploads:enqueue', { paths: [card], ...target })).rejects.toThrow(/not dropped on this window or picked in its dialog/);
    // Dropped (what the preload reports from webUtils.getPathForFile): preflight, then one upload.
    backend.grantDropped([path.dirname(card)]);
    expect(await call('uploads:preflight', { paths: [path.dirname(card)], ...target })).toMatchObject({ files: 1 });
    await call('uploads:enqueue', { paths: [path.dirname(card)], ...target });
    await expect(call('uploads:enqueue', { paths: [path.dirname(card)], ...target })).rejects.toThrow(/not dropped on this window/); // redeemed
    // Picked in the native dialog: granted by main itself.
    picks.push(card);
    expect(await call('files:pick', { kind: 'files' })).toEqual({ paths: [card] });
    await call('uploads:enqueue', { paths: [card], ...target });
    await waitFor(async () => ((await call('uploads:list')) as UploadRow[]).every((r) => r.status === 'completed' || r.status === 'skipped'), 'the uploads', 60_000);
    // A grant does not stretch: a granted folder does not grant its parent or a sibling.
    backend.grantDropped([path.join(work, 'card')]);
    await expect(call('uploads:preflight', { paths: [work], ...target })).rejects.toThrow(/not dropped/);
  });
});
