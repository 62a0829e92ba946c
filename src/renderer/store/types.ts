// The store is one zustand store made of slices; each slice gets the DesktopApi it talks to.
import type { StoreApi } from 'zustand/vanilla';
import type { DesktopApi } from '../../shared/desktop-api';
import type { AuthSlice } from './auth-slice';
import type { BrowseSlice } from './browse-slice';
import type { UiSlice } from './ui-slice';
import type { UploadsSlice } from './uploads-slice';

export type AppState = AuthSlice & BrowseSlice & UploadsSlice & UiSlice;
export type AppStore = StoreApi<AppState>;

export type SliceCreator<T> = (set: StoreApi<AppState>['setState'], get: StoreApi<AppState>['getState'], api: DesktopApi) => T;
