// The title bar's tools (issue 13 §8): every button says what it does on hover (title) and to screen readers (its
// name), and the theme button's first click changes what is on screen whatever the OS shows.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TopBar } from '../../../../src/renderer/features/browser/top-bar';
import { nextTheme, shownTheme } from '../../../../src/renderer/features/browser/theme-cycle';
import type { Settings } from '../../../../src/shared/ipc/schemas';
import { createFakeApi } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

/** The OS's colour scheme as Chromium reports it (jsdom has no matchMedia of its own). */
function osScheme(dark: boolean) {
  window.matchMedia = ((query: string) => ({ matches: dark && query === '(prefers-color-scheme: dark)', media: query })) as unknown as typeof window.matchMedia;
}
afterEach(() => {
  delete (window as { matchMedia?: unknown }).matchMedia;
});

async function renderBar(theme: Settings['theme']) {
  const api = createFakeApi();
  const store = await browsingStore(api, 'folder:f-day1');
  await store.getState().setTheme(theme);
  return { ...renderWithStore(<TopBar />, api, store), user: userEvent.setup() };
}

const themeButton = () => screen.getByRole('button', { name: /theme/ });

describe('title bar tools', () => {
  it('every button has a name and a tooltip', async () => {
    osScheme(false);
    await renderBar('system');
    const actions = screen.getByRole('banner').querySelector('.top-bar__actions') as HTMLElement;
    const buttons = within(actions).getAllByRole('button');
    expect(buttons.length).toBeGreaterThanOrEqual(5);
    for (const button of buttons) {
      expect(button.getAttribute('title'), button.outerHTML).toBeTruthy();
      expect(button.textContent?.trim() || button.getAttribute('aria-label'), button.outerHTML).toBeTruthy();
    }
  });

  it.each([
    { os: 'light', dark: false, first: 'dark', second: 'system' },
    { os: 'dark', dark: true, first: 'light', second: 'system' },
  ])('the first click on an OS that is $os shows $first; the next goes back to following the OS', async ({ dark, first, second }) => {
    osScheme(dark);
    const { store, user } = await renderBar('system');
    const before = shownTheme(store.getState().settings!.theme, dark);
    expect(themeButton().getAttribute('title')).toBe(`${before === 'dark' ? 'Dark' : 'Light'} theme (as the system): switch to ${first}`);
    await user.click(themeButton());
    expect(store.getState().settings?.theme).toBe(first);
    expect(shownTheme(store.getState().settings!.theme, dark)).not.toBe(before);
    await user.click(themeButton());
    expect(store.getState().settings?.theme).toBe(second);
    expect(shownTheme(store.getState().settings!.theme, dark)).toBe(before);
  });
});

describe('nextTheme', () => {
  it('always flips what is shown', () => {
    for (const dark of [false, true]) {
      for (const theme of ['system', 'light', 'dark'] as const) {
        expect(shownTheme(nextTheme(theme, dark), dark)).not.toBe(shownTheme(theme, dark));
      }
    }
  });
});
