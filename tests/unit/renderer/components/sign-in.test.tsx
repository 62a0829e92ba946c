// Sign in: the button waits for a whole token, submitting signs in (to V4 unless the person picks the legacy V2 or
// another address), the help says where each kind of token comes from, and a failure is announced as an alert.
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SignIn } from '../../../../src/renderer/features/auth/sign-in';
import { ADOBE_CONSOLE_URL, DEVELOPER_TOKEN_URL, FRAMEIO_V2_API_URL, FRAMEIO_V4_API_URL } from '../../../../src/shared/frameio-api';
import { createAppStore } from '../../../../src/renderer/store/index';
import { createFakeApi, deferred, GOOD_TOKEN, SIGNED_IN, SIGNED_OUT } from '../fake-api';
import { renderWithStore } from '../render';

const tokenField = () => screen.getByLabelText('Access token or developer token');
const signInButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' });
const sandboxButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Try the sandbox' });

describe('SignIn', () => {
  it('enables Sign in only once the token has 8 characters (spaces do not count)', async () => {
    const user = userEvent.setup();
    renderWithStore(<SignIn />);
    expect(signInButton().disabled).toBe(true);
    await user.type(tokenField(), '   1234567   ');
    expect(signInButton().disabled).toBe(true);
    await user.clear(tokenField());
    await user.type(tokenField(), '12345678');
    expect(signInButton().disabled).toBe(false);
  });

  it('submitting signs in with the token', async () => {
    const user = userEvent.setup();
    const { api, store } = renderWithStore(<SignIn />);
    await user.type(tokenField(), `${GOOD_TOKEN}{Enter}`);
    expect(api.auth.signIn).toHaveBeenCalledWith({ token: GOOD_TOKEN, apiUrl: FRAMEIO_V4_API_URL });
    await waitFor(() => expect(store.getState().auth).toEqual(SIGNED_IN));
  });

  it('says where a V4 access token and a developer token come from; V2 asks for a developer token only', async () => {
    const user = userEvent.setup();
    renderWithStore(<SignIn />);
    const help = () => screen.getByText(/kept in your system keychain/);
    expect(help().textContent).toMatch(/access token from your project in Adobe Developer Console .*or a developer token \(fio-u-…\).*both work on V4/);
    expect(screen.getByRole('link', { name: 'Adobe Developer Console' }).getAttribute('href')).toBe(ADOBE_CONSOLE_URL);
    expect(screen.getByRole('link', { name: 'developer.frame.io → Tokens' }).getAttribute('href')).toBe(DEVELOPER_TOKEN_URL);
    expect(screen.getByText('API: Frame.io V4')).toBeTruthy();
    await user.click(screen.getByText('API: Frame.io V4'));
    await user.click(screen.getByRole('radio', { name: /V2 \(legacy\)/ }));
    expect(screen.getByText('API: Frame.io V2 (legacy)')).toBeTruthy();
    expect(help().textContent).not.toMatch(/Adobe/);
    expect(tokenField().getAttribute('aria-describedby')).toBe(help().id);
  });

  it('the legacy V2 API is one choice away, and keyboard-operable', async () => {
    const user = userEvent.setup();
    const { api } = renderWithStore(<SignIn />);
    const v4 = screen.getByRole<HTMLInputElement>('radio', { name: /^V4/ });
    expect(v4.checked).toBe(true);
    v4.focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /V2 \(legacy\)/ }).checked).toBe(true);
    await user.type(tokenField(), `${GOOD_TOKEN}{Enter}`);
    expect(api.auth.signIn).toHaveBeenCalledWith({ token: GOOD_TOKEN, apiUrl: FRAMEIO_V2_API_URL });
  });

  it('another address must name an API (…/v4 or …/v2) before Sign in is possible', async () => {
    const user = userEvent.setup();
    const { api } = renderWithStore(<SignIn />);
    await user.click(screen.getByText('API: Frame.io V4'));
    await user.click(screen.getByRole('radio', { name: 'Another address' }));
    await user.type(tokenField(), GOOD_TOKEN);
    const address = screen.getByLabelText('API address');
    expect(signInButton().disabled).toBe(true);
    await user.type(address, 'http://127.0.0.1:8080/v3');
    expect(signInButton().disabled).toBe(true);
    expect(address.getAttribute('aria-invalid')).toBe('true');
    await user.clear(address);
    await user.type(address, 'http://127.0.0.1:8080/v4');
    expect(address.getAttribute('aria-invalid')).toBeNull();
    await user.click(signInButton());
    expect(api.auth.signIn).toHaveBeenCalledWith({ token: GOOD_TOKEN, apiUrl: 'http://127.0.0.1:8080/v4' });
  });

  it('a saved V2 sign-in that failed at start-up is offered again on V2', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.setState({ auth: { ...SIGNED_OUT, apiUrl: FRAMEIO_V2_API_URL, problem: 'Frame.io no longer accepts the saved token.' } });
    renderWithStore(<SignIn />, api, store);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /V2 \(legacy\)/ }).checked).toBe(true);
    expect(screen.getByText('API: Frame.io V2 (legacy)')).toBeTruthy();
  });

  it('Enter with a short token does nothing', async () => {
    const user = userEvent.setup();
    const { api } = renderWithStore(<SignIn />);
    await user.type(tokenField(), 'short{Enter}');
    expect(api.auth.signIn).not.toHaveBeenCalled();
  });

  it('shows a rejected token as an alert the field points to', async () => {
    const user = userEvent.setup();
    renderWithStore(<SignIn />);
    await user.type(tokenField(), 'fio-u-wrong-token');
    await user.click(signInButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe('Frame.io rejected this token. Check that you copied all of it, and that it has not been revoked.');
    expect(tokenField().getAttribute('aria-invalid')).toBe('true');
    expect(tokenField().getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('both buttons wait while signing in', async () => {
    const user = userEvent.setup();
    const api = createFakeApi();
    const answer = deferred<typeof SIGNED_IN>();
    api.auth.signIn.mockReturnValueOnce(answer.promise);
    renderWithStore(<SignIn />, api);
    await user.type(tokenField(), GOOD_TOKEN);
    await user.click(signInButton());
    expect(signInButton().disabled).toBe(true);
    expect(sandboxButton().disabled).toBe(true);
    await act(async () => answer.resolve(SIGNED_IN));
    expect(sandboxButton().disabled).toBe(false);
  });

  it('Try the sandbox uses the sandbox', async () => {
    const user = userEvent.setup();
    const { api } = renderWithStore(<SignIn />);
    await user.click(sandboxButton());
    expect(api.auth.useSandbox).toHaveBeenCalledWith({});
  });

  it('says when there is no keychain to keep the token in', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.setState({ auth: { ...SIGNED_OUT, keychainAvailable: false } });
    renderWithStore(<SignIn />, api, store);
    expect(screen.getByRole('note').textContent).toContain('No system keychain is available');
  });
});
