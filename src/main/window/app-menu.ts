// The native menu bar, built from Electron's standard roles so each platform gets its own labels, shortcuts and
// behaviour (and the Edit roles make copy/paste work in the renderer's inputs at all on macOS). The template is a
// pure function of the platform and the build, so what ships is tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import { ADOBE_CONSOLE_URL } from '../../shared/frameio-api';

/** Where a Frame.io account holder creates the developer token Ferry signs in with. */
export const DEVELOPER_TOKEN_URL = 'https://developer.frame.io/';
/** Where a V4 access token comes from: a project in Adobe's Developer Console with the Frame.io API added. */
export const ACCESS_TOKEN_URL = ADOBE_CONSOLE_URL;

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Packaged builds get no developer tools entry (the window's devTools stay reachable only in development). */
  isPackaged: boolean;
  openExternal: (url: string) => Promise<void> | void;
  appName?: string;
}

export function buildMenuTemplate({ platform, isPackaged, openExternal, appName = 'Ferry' }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    // macOS puts About, Services, Hide and Quit in a menu named after the app; other platforms have no such menu.
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  // On macOS Quit lives in the app menu; elsewhere File is where people look for it.
  template.push({ label: 'File', submenu: mac ? [{ role: 'close' }] : [{ role: 'close' }, { type: 'separator' }, { role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  // No reload: a reload would drop the renderer's state while uploads carry on in main, for no user benefit.
  template.push({
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
    ],
  });
  template.push({ label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] });
  // The help role lets macOS add its menu search field.
  template.push({
    role: 'help',
    label: 'Help',
    submenu: [
      { label: 'Get a Frame.io V4 access token (Adobe Developer Console)', click: () => void openExternal(ACCESS_TOKEN_URL) },
      { label: 'Get a Frame.io developer token', click: () => void openExternal(DEVELOPER_TOKEN_URL) },
    ],
  });
  return template;
}
