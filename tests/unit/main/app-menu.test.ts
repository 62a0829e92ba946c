// The menu template: standard roles, a macOS app menu only on macOS, no developer tools in packaged builds, and a
// Help entry that opens the token page in the system browser.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_URL, buildMenuTemplate, DEVELOPER_TOKEN_URL } from '../../../src/main/window/app-menu';

const submenuOf = (template: MenuItemConstructorOptions[], label: string) => {
  const menu = template.find((m) => m.label === label);
  expect(menu, label).toBeDefined();
  return menu?.submenu as MenuItemConstructorOptions[];
};
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);
const allRoles = (template: MenuItemConstructorOptions[]) => template.flatMap((m) => roles((m.submenu as MenuItemConstructorOptions[]) ?? []));

describe('buildMenuTemplate', () => {
  it('gives macOS an app menu with about, services, hide and quit', () => {
    const template = buildMenuTemplate({ platform: 'darwin', isPackaged: true, openExternal: () => {} });
    expect(template.map((m) => m.label)).toEqual(['Ferry', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(submenuOf(template, 'Ferry'))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(submenuOf(template, 'File'))).toEqual(['close']);
  });

  it('has no app menu elsewhere: Quit is in File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildMenuTemplate({ platform, isPackaged: true, openExternal: () => {} });
      expect(template.some((m) => m.label === 'Ferry'), platform).toBe(false);
      expect(roles(submenuOf(template, 'File'))).toEqual(['close', 'quit']);
      expect(allRoles(template)).not.toContain('about');
    }
  });

  it('uses the standard edit, view and window roles', () => {
    const template = buildMenuTemplate({ platform: 'linux', isPackaged: false, openExternal: () => {} });
    expect(roles(submenuOf(template, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(submenuOf(template, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'toggleDevTools']);
    expect(roles(submenuOf(template, 'Window'))).toEqual(['minimize', 'zoom', 'close']);
    expect(allRoles(template)).not.toContain('reload');
  });

  it('offers developer tools only in development builds', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(allRoles(buildMenuTemplate({ platform, isPackaged: true, openExternal: () => {} }))).not.toContain('toggleDevTools');
      expect(allRoles(buildMenuTemplate({ platform, isPackaged: false, openExternal: () => {} }))).toContain('toggleDevTools');
    }
  });

  it('Help opens where each kind of token comes from in the system browser: V4 access tokens first', () => {
    const openExternal = vi.fn();
    const template = buildMenuTemplate({ platform: 'darwin', isPackaged: true, openExternal });
    const help = template.find((m) => m.role === 'help');
    const items = help?.submenu as MenuItemConstructorOptions[];
    expect(items.map((i) => i.label)).toEqual(['Get a Frame.io V4 access token (Adobe Developer Console)', 'Get a Frame.io developer token']);
    for (const item of items) item.click?.(undefined as never, undefined, undefined as never);
    expect(openExternal.mock.calls).toEqual([[ACCESS_TOKEN_URL], [DEVELOPER_TOKEN_URL]]);
    expect(ACCESS_TOKEN_URL).toBe('https://developer.adobe.com/developer-console/');
    expect(DEVELOPER_TOKEN_URL).toBe('https://developer.frame.io/');
  });
});
