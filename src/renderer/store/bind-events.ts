// The one place IPC events reach the store. Returns a function that unbinds them all.
import type { DesktopApi } from '../../shared/desktop-api';
import type { AppStore } from './types';

export function bindEvents(api: DesktopApi, store: AppStore): () => void {
  const offs = [
    api.on('uploads:progress', ({ rows }) => store.getState().applyRows(rows)),
    api.on('uploads:state', ({ row }) => store.getState().applyRows([row])),
    api.on('auth:changed', (status) => store.getState().authChanged(status)),
    api.on('network:changed', ({ online }) => store.getState().setOnline(online)),
    api.on('service:slowDown', ({ waitSeconds }) => store.getState().noteSlowDown(waitSeconds)),
    api.on('uploads:warning', ({ message }) => store.getState().addWarning(message)),
  ];
  return () => offs.forEach((off) => off());
}
