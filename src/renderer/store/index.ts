// One store, four slices. Made per DesktopApi, so tests and the browser host each get their own.
import { createStore } from 'zustand/vanilla';
import type { DesktopApi } from '../../shared/desktop-api';
import { createAuthSlice } from './auth-slice';
import { createBrowseSlice } from './browse-slice';
import type { AppState, AppStore } from './types';
import { createUiSlice } from './ui-slice';
import { createUploadsSlice } from './uploads-slice';

export function createAppStore(api: DesktopApi): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createAuthSlice(set, get, api),
    ...createBrowseSlice(set, get, api),
    ...createUploadsSlice(set, get, api),
    ...createUiSlice(set, get, api),
  }));
}

export type { AppState, AppStore } from './types';
