// React access to the store and the DesktopApi: components select the smallest slice they need, so a progress
// tick re-renders the rows that changed and nothing else.
import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { DesktopApi } from '../../shared/desktop-api';
import type { AppState, AppStore } from './types';

const StoreContext = createContext<{ store: AppStore; api: DesktopApi } | null>(null);

export function StoreProvider({ store, api, children }: { store: AppStore; api: DesktopApi; children: ReactNode }) {
  return <StoreContext.Provider value={{ store, api }}>{children}</StoreContext.Provider>;
}

function useContextValue() {
  const value = useContext(StoreContext);
  if (!value) throw new Error('StoreProvider is missing');
  return value;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useContextValue().store, selector);
}

export const useAppStore = (): AppStore => useContextValue().store;
export const useApi = (): DesktopApi => useContextValue().api;
