// The window as a whole: a splash until main says who is signed in, then sign-in or the browser; the theme from
// settings on <html>; one polite live region; the network banner.
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../src/renderer/app';
import { createAppStore } from '../../../../src/renderer/store/index';
import { createFakeApi, SIGNED_IN, SIGNED_OUT, uploadRow } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

describe('App', () => {
  it('takes the theme from settings onto the document', async () => {
    const api = createFakeApi();
    api.world.settings = { ...api.world.settings, theme: 'dark' };
    const store = await browsingStore(api);
    renderWithStore(<App />, api, store);
    expect(document.documentElement.dataset.theme).toBe('system'); // until settings arrive
    await act(() => store.getState().loadSettings());
    expect(document.documentElement.dataset.theme).toBe('dark');
    await act(() => store.getState().setTheme('light'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('shows a splash until main says who is signed in', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    renderWithStore(<App />, api, store);
    expect(screen.getByText('Starting…')).toBeTruthy();
    await act(() => store.getState().loadAuth());
    expect(store.getState().auth).toEqual(SIGNED_OUT);
    expect(screen.getByRole('heading', { name: 'Sign in to Frame.io' })).toBeTruthy();
  });

  it('shows why main could not say who is signed in, instead of a spinner forever', async () => {
    const api = createFakeApi();
    api.auth.status.mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:443'));
    const store = createAppStore(api);
    renderWithStore(<App />, api, store);
    await act(() => store.getState().loadAuth());
    expect(store.getState().authError).toBe('Could not reach Frame.io. Check your internet connection and try again.');
    expect(screen.queryByText(/Could not reach Frame.io/)).not.toBeNull();
  });

  it('says it is connecting while main signs in with the saved token, and why it could not', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    renderWithStore(<App />, api, store);
    act(() => store.getState().setAuth({ ...SIGNED_OUT, connecting: true }));
    expect(screen.getByText('Connecting to Frame.io…')).toBeTruthy();
    act(() => store.getState().setAuth({ ...SIGNED_OUT, connecting: false, problem: 'Could not reach Frame.io to sign you in.' }));
    expect(screen.getByRole('heading', { name: 'Sign in to Frame.io' })).toBeTruthy();
    expect(screen.getByText('Could not reach Frame.io to sign you in.')).toBeTruthy();
  });

  it('signed in: the tree, the contents of the open project and the queue', async () => {
    const api = createFakeApi();
    renderWithStore(<App />, api, await browsingStore(api));
    expect(screen.getByRole('tree', { name: 'Projects and folders' })).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Contents of Demo Project' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Uploads' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Sign in to Frame.io' })).toBeNull();
  });

  it('shows why the accounts could not be listed', async () => {
    const api = createFakeApi();
    api.browse.accounts.mockRejectedValueOnce(new Error('Could not reach Frame.io'));
    const store = createAppStore(api);
    store.setState({ auth: SIGNED_IN });
    renderWithStore(<App />, api, store);
    await act(() => store.getState().loadRoots());
    expect(store.getState().browseError).toBe('Could not reach Frame.io');
    expect(screen.queryByText(/Could not reach Frame.io/)).not.toBeNull();
  });

  it('announces milestones in one polite live region', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    renderWithStore(<App />, api, store);
    await act(async () => {
      await store.getState().dropPaths(['/footage/B003.mov'], { folderId: 'f-day1', accountId: 'acc-1', label: 'Demo Project › Day 1' });
      await store.getState().confirmDrop('skip');
    });
    const live = document.querySelector('[aria-live="polite"][role="status"].sr-only');
    expect(live?.textContent).toBe('Uploading 1 file to Demo Project › Day 1');
  });

  it('says when the network is gone, and when uploads wait for it', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    renderWithStore(<App />, api, store);
    const banner = () => screen.queryByText(/Network lost — waiting to reconnect\. Uploads carry on/);
    expect(banner()).toBeNull();
    act(() => store.getState().setOnline(false));
    expect(banner()).toBeTruthy();
    act(() => store.getState().setOnline(true));
    expect(banner()).toBeNull();
    act(() => store.getState().applyRows([uploadRow(1, { status: 'offline' })]));
    expect(banner()).toBeTruthy();
  });
});
