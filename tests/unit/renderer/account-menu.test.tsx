// The account switcher: a menu button with the account, keyboard-operable, leading to the sandbox or another account.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AccountMenu } from '../../../src/renderer/features/auth/account-menu';
import { createAppStore } from '../../../src/renderer/store/index';
import { createFakeApi, SIGNED_IN } from './fake-api';
import { renderWithStore } from './render';

function setup(sandbox: boolean, apiUrl = SIGNED_IN.apiUrl) {
  const api = createFakeApi();
  const store = createAppStore(api);
  store.setState({ auth: { ...SIGNED_IN, sandbox, apiUrl } });
  renderWithStore(<AccountMenu />, api, store);
  return { api, user: userEvent.setup() };
}

describe('account menu', () => {
  it('opens from its button, moves with the arrows, closes with Escape back on the button', async () => {
    const { user } = setup(false);
    const button = screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = screen.getAllByRole('menuitem').map((i) => i.textContent);
    expect(items).toEqual(['Try the sandbox', 'Use another account…', ' Sign out']);
    expect(document.activeElement?.textContent).toBe('Try the sandbox');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Use another account…');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('says which API the account is on', async () => {
    const { user } = setup(false);
    await user.click(screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) }));
    expect(screen.getByTestId('account-api').textContent).toBe('API: Frame.io V4');
  });

  it('…the legacy V2 too', async () => {
    const { user } = setup(false, 'https://api.frame.io/v2');
    await user.click(screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) }));
    expect(screen.getByTestId('account-api').textContent).toBe('API: Frame.io V2 (legacy)');
  });

  it('"Try the sandbox" switches to the sandbox', async () => {
    const { api, user } = setup(false);
    await user.click(screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) }));
    await user.click(screen.getByRole('menuitem', { name: 'Try the sandbox' }));
    expect(api.auth.useSandbox).toHaveBeenCalled();
  });

  it('on the sandbox it offers the Frame.io sign-in instead, asking first: what went to the sandbox stays there', async () => {
    const { api, user } = setup(true);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: /Sandbox/ }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Sign in to Frame.io…']);
    await user.click(screen.getByRole('menuitem', { name: 'Sign in to Frame.io…' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0]?.[0]).toMatch(/^Leave the sandbox\? What you uploaded to it stays in the sandbox on this computer: none of it goes to Frame\.io\./);
    expect(api.auth.signOut).not.toHaveBeenCalled(); // "Cancel" keeps the sandbox
    await user.click(screen.getByRole('button', { name: /Sandbox/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign in to Frame.io…' }));
    expect(api.auth.signOut).toHaveBeenCalled();
    confirm.mockRestore();
  });

  it('an account that is not the sandbox is left without a question when nothing is uploading', async () => {
    const { api, user } = setup(false);
    const confirm = vi.spyOn(window, 'confirm');
    await user.click(screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) }));
    await user.click(screen.getByRole('menuitem', { name: 'Use another account…' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(api.auth.signOut).toHaveBeenCalled();
    confirm.mockRestore();
  });
});

describe('leaving an account with uploads in progress', () => {
  it('asks first, and does nothing when the answer is no', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.setState({ auth: { ...SIGNED_IN, sandbox: false } });
    store.getState().applyRows([{ id: 1, batchId: 'b', name: 'A.mov', destination: 'Day 1', size: 10, sentBytes: 1, acknowledgedBytes: 1, bytesPerSecond: 1, etaSeconds: 9, status: 'uploading', retries: 0, assetId: 'x', error: null }]);
    renderWithStore(<AccountMenu />, api, store);
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) }));
    await user.click(screen.getByRole('menuitem', { name: /Sign out/ }));
    expect(confirm.mock.calls[0]?.[0]).toMatch(/1 upload is in progress/);
    expect(api.auth.signOut).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: new RegExp(SIGNED_IN.user!.name) }));
    await user.click(screen.getByRole('menuitem', { name: /Sign out/ }));
    expect(api.auth.signOut).toHaveBeenCalled();
  });
});
