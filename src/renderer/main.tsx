// Renderer entry: one store over window.ferry (the preload's DesktopApi, or the browser host's bridge), events
// bound once, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopApi } from '../shared/desktop-api';
import { App } from './app';
import { bindEvents } from './store/bind-events';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/index';

const api = (window as unknown as { ferry: DesktopApi }).ferry;
const store = createAppStore(api);
bindEvents(api, store);
// Settings and the queue first (so the theme is right at once), then who is signed in; none of them may block the rest.
void Promise.allSettled([store.getState().loadSettings(), store.getState().loadUploads()]).then(() => store.getState().loadAuth());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store} api={api}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
