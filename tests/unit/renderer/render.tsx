// Rendering a piece of the renderer the way main.tsx does: one store over a (fake) DesktopApi, under StoreProvider.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { bindEvents } from '../../../src/renderer/store/bind-events';
import { StoreProvider } from '../../../src/renderer/store/context';
import { type AppStore, createAppStore } from '../../../src/renderer/store/index';
import type { UploadRow } from '../../../src/shared/ipc/schemas';
import { createFakeApi, type FakeApi, SIGNED_IN } from './fake-api';

export interface Rendered extends RenderResult {
  api: FakeApi;
  store: AppStore;
}

export function renderWithStore(ui: ReactElement, api: FakeApi = createFakeApi(), store: AppStore = createAppStore(api)): Rendered {
  return { ...render(<StoreProvider store={store} api={api}>{ui}</StoreProvider>), api, store };
}

/** A signed-in store that has loaded its roots (which opens Demo Project) and, with `folderKey`, opened that too. */
export async function browsingStore(api: FakeApi = createFakeApi(), folderKey?: string): Promise<AppStore> {
  const store = createAppStore(api);
  store.setState({ auth: SIGNED_IN });
  await store.getState().loadRoots();
  if (folderKey) await store.getState().openNode(folderKey);
  return store;
}

/** A store whose queue shows `rows`, which are also main's queue in the fake, with the fake's events bound as main.tsx
 * binds the app's: what the fake pushes (a retry's rows going back to queued, pushRow) reaches the store. */
export function queueStore(rows: readonly UploadRow[]): { api: FakeApi; store: AppStore } {
  const api = createFakeApi({ rows: [...rows] });
  const store = createAppStore(api);
  bindEvents(api, store);
  store.getState().applyRows(rows);
  return { api, store };
}
