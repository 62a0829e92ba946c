// The theme button flips what is on screen, every click: light to dark and back. Landing on the look the OS has
// means "follow the OS" again (stored as 'system'), so nobody is stuck on a fixed theme they never chose to fix.
// Cycling system → light → dark instead made the first click a no-op whenever the OS was already light.
import type { Settings } from '../../../shared/ipc/schemas';

type Theme = Settings['theme'];
type Shown = 'light' | 'dark';

export const osPrefersDark = (): boolean => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;

export function shownTheme(theme: Theme, osDark: boolean): Shown {
  return theme === 'system' ? (osDark ? 'dark' : 'light') : theme;
}

/** The setting one click stores: the other look, as 'system' when that is the OS's own. */
export function nextTheme(theme: Theme, osDark: boolean): Theme {
  const target: Shown = shownTheme(theme, osDark) === 'dark' ? 'light' : 'dark';
  return target === shownTheme('system', osDark) ? 'system' : target;
}

/** What the button says (its tooltip and accessible name). */
export function themeButtonLabel(theme: Theme, osDark: boolean): string {
  const shown = shownTheme(theme, osDark);
  return `${shown === 'dark' ? 'Dark' : 'Light'} theme${theme === 'system' ? ' (as the system)' : ''}: switch to ${shown === 'dark' ? 'light' : 'dark'}`;
}
