// The application window: where it was left (window-state.ts), secured (window-security.ts), shown once its first
// frame is painted so it never flashes white.
import { BrowserWindow, screen, shell } from 'electron';
import { guardNavigation, secureWebPreferences } from '../window-security';
import { MIN_HEIGHT, MIN_WIDTH, placeWindow, readWindowState, trackWindowState } from './window-state';

export interface WindowOptions {
  preloadPath: string;
  /** userData/window-state.json */
  stateFile: string;
}

export function createMainWindow({ preloadPath, stateFile }: WindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const place = placeWindow(readWindowState(stateFile), workAreas, screen.getPrimaryDisplay().workArea);
  const window = new BrowserWindow({
    x: place.x,
    y: place.y,
    width: place.width,
    height: place.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Ferry',
    webPreferences: secureWebPreferences(preloadPath),
  });
  trackWindowState(window, stateFile);
  guardNavigation(window.webContents, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => {
    // maximize() would show the window too, but without focus: show() after it brings it to the front.
    if (place.maximized) window.maximize();
    window.show();
  });
  return window;
}
