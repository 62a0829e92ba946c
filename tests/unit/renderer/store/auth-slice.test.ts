// Signing in: the status main answers becomes the store's, a new session loads the tree, and a failure becomes one
// sentence a person can act on.
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeSignInError } from '../../../../src/renderer/store/auth-slice';
import { bindEvents } from '../../../../src/renderer/store/bind-events';
import { createAppStore } from '../../../../src/renderer/store/index';
import { createFakeApi, deferred, GOOD_TOKEN, SANDBOX, SIGNED_IN, SIGNED_OUT, uploadRow } from '../fake-api';

describe('auth slice', () => {
  it('signs in with the trimmed token, then loads the tree and opens the first project', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().signIn(`  ${GOOD_TOKEN}\n`);
    expect(api.auth.signIn).toHaveBeenCalledWith({ token: GOOD_TOKEN });
    expect(store.getState()).toMatchObject({ auth: SIGNED_IN, authBusy: false, authError: null });
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
    expect(store.getState().rootKeys).toEqual(['account:acc-1', 'shared']);
    expect(store.getState().folders['f-demo']?.complete).toBe(true);
  });

  it('an answer overtaken by a push is stale: the start-up status read before a sign-in that finished first does not sign the window out', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(api, store); // as main.tsx does
    const status = deferred<typeof SIGNED_OUT>();
    api.auth.status.mockReturnValueOnce(status.promise);
    const loading = store.getState().loadAuth(); // asked while signed out…
    api.emit('auth:changed', SIGNED_IN); // …a sign-in lands and is pushed…
    status.resolve(SIGNED_OUT); // …and then the older answer arrives
    await loading;
    expect(store.getState().auth).toEqual(SIGNED_IN);
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
    // With no push in between, the answer is the state.
    await store.getState().signOut();
    expect(store.getState().auth).toEqual(SIGNED_OUT);
  });

  it('is busy while main answers', async () => {
    const api = createFakeApi();
    const answer = deferred<typeof SIGNED_IN>();
    api.auth.signIn.mockReturnValueOnce(answer.promise);
    const store = createAppStore(api);
    const signingIn = store.getState().signIn(GOOD_TOKEN);
    expect(store.getState().authBusy).toBe(true);
    answer.resolve(SIGNED_IN);
    await signingIn;
    expect(store.getState().authBusy).toBe(false);
  });

  it('turns a rejected token into the sentence to show, and stays signed out', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().signIn('fio-u-not-a-real-token');
    expect(store.getState().authError).toBe('Frame.io rejected this token. Check that you copied all of it, and that it has not been revoked.');
    expect(store.getState().auth).toBeNull();
    expect(store.getState().authBusy).toBe(false);
    expect(api.browse.accounts).not.toHaveBeenCalled();
  });

  it('clears the last error when trying again', async () => {
    const store = createAppStore(createFakeApi());
    await store.getState().signIn('fio-u-not-a-real-token');
    expect(store.getState().authError).not.toBeNull();
    await store.getState().signIn(GOOD_TOKEN);
    expect(store.getState().authError).toBeNull();
  });

  it('uses the sandbox: a sandbox session, and its tree', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().useSandbox();
    expect(api.auth.useSandbox).toHaveBeenCalledWith({});
    expect(store.getState().auth).toEqual(SANDBOX);
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
  });

  it('loads the tree once per session, not again when main repeats the same status', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().signIn(GOOD_TOKEN);
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
    store.getState().setAuth({ ...SIGNED_IN });
    expect(store.getState().rootsLoading).toBe(false);
    expect(api.browse.accounts).toHaveBeenCalledTimes(1);

    store.getState().setAuth(SANDBOX); // another server, another user: another tree
    expect(store.getState().rootsLoading).toBe(true);
    await waitFor(() => expect(store.getState().rootsLoading).toBe(false));
    expect(api.browse.accounts).toHaveBeenCalledTimes(2);
  });

  it('a new session starts the queue over: rows, hidden ids and selection of the last account are gone, and the new list is loaded', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.getState().setAuth(SIGNED_IN);
    store.getState().applyRows([uploadRow(0, { status: 'completed' }), uploadRow(1, { status: 'uploading' })]);
    store.getState().clearFinished();
    store.getState().selectUpload(1);
    api.uploads.list.mockClear();
    store.getState().setAuth({ ...SIGNED_IN, apiUrl: 'http://127.0.0.1:9/v2', sandbox: true, user: { id: 'sandbox', name: 'Demo User', email: 'demo@ferry.invalid' } });
    expect(store.getState().order).toEqual([]);
    expect(store.getState().selectedUploadId).toBeNull();
    expect(api.uploads.list).toHaveBeenCalled();
    store.getState().applyRows([uploadRow(0, { name: 'x.mov' })]); // file ids restart at 0 in the new engine
    expect(store.getState().order).toEqual([0]);
  });

  it('signing out forgets the tree', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().signIn(GOOD_TOKEN);
    await waitFor(() => expect(store.getState().currentKey).toBe('project:p-demo'));
    await store.getState().signOut();
    expect(store.getState()).toMatchObject({ auth: SIGNED_OUT, nodes: {}, rootKeys: [], folders: {}, currentKey: null });
  });

  it('loadAuth takes the status main has', async () => {
    const api = createFakeApi({ auth: SIGNED_OUT });
    const store = createAppStore(api);
    await store.getState().loadAuth();
    expect(store.getState().auth).toEqual(SIGNED_OUT);
    expect(api.browse.accounts).not.toHaveBeenCalled();
  });
});

describe('describeSignInError', () => {
  it.each([
    ['Frame.io rejected this token. Check it and try again.', 'Frame.io rejected this token. Check that you copied all of it, and that it has not been revoked.'],
    ["Error invoking remote method 'auth:signIn': Error: 401 Unauthorized", 'Frame.io rejected this token. Check that you copied all of it, and that it has not been revoked.'],
    ['getaddrinfo ENOTFOUND api.frame.io', 'Could not reach Frame.io. Check your internet connection and try again.'],
    ['connect ECONNREFUSED 127.0.0.1:443', 'Could not reach Frame.io. Check your internet connection and try again.'],
    ['The name org.freedesktop.secrets was not provided: Secret Service unavailable', 'The system keychain could not save the token, so Ferry did not sign you in with it (anything signed in before stays as it was). Unlock the keychain and try again.'],
    ['something else entirely', 'something else entirely'],
  ])('%s', (message, shown) => {
    expect(describeSignInError(new Error(message))).toBe(shown);
  });

  it('takes a thrown string as it is', () => {
    expect(describeSignInError('plain words')).toBe('plain words');
  });
});
