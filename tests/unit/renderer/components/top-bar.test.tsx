// The title bar's breadcrumbs say where uploads go: the account (or Shared with me), the project and its folders; the
// open folder is the current location, and the project and folders above it are buttons that open them. "Add files…"
// sends what the dialog picked to the open folder's pre-flight, naming its account.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TopBar } from '../../../../src/renderer/features/browser/top-bar';
import { createFakeApi } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

const crumbs = () => within(screen.getByRole('navigation', { name: 'Destination' })).getAllByRole('listitem').map((li) => li.textContent);

describe('TopBar breadcrumbs', () => {
  it('lead with the account, then the project and the folders down to the open one', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    renderWithStore(<TopBar />, api, store);
    expect(crumbs()).toEqual(['Studio', 'Demo Project', 'Day 1']);
    expect(screen.getByText('Day 1').getAttribute('aria-current')).toBe('location');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Demo Project' }));
    expect(store.getState().currentKey).toBe('project:p-demo');
    expect(screen.queryByRole('button', { name: 'Studio' })).toBeNull(); // the account is where, not a place to go
  });

  it('a shared project says so', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api);
    await store.getState().toggleNode('shared');
    await store.getState().openNode('project:p-shared');
    renderWithStore(<TopBar />, api, store);
    expect(crumbs()).toEqual(['Shared with me', 'Client Review']);
  });

  it('"Add files…" sends the picked paths to the pre-flight of the open folder, in its account', async () => {
    const api = createFakeApi();
    api.files.pick.mockResolvedValueOnce({ paths: ['/footage/A.mov'] });
    const store = await browsingStore(api);
    await store.getState().toggleNode('shared');
    await store.getState().openNode('project:p-shared');
    renderWithStore(<TopBar />, api, store);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add files…' }));
    expect(api.files.pick).toHaveBeenCalledWith({ kind: 'files' });
    expect(api.uploads.preflight).toHaveBeenCalledWith({ paths: ['/footage/A.mov'], folderId: 'f-shared', accountId: 'acc-partner' });
    expect(store.getState().pendingDrop?.target).toEqual({ folderId: 'f-shared', accountId: 'acc-partner', label: 'Client Review' });
  });
});
