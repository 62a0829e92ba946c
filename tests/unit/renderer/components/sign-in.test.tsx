// Sign in: the button waits for a whole token, submitting signs in, and a failure is announced as an alert.
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SignIn } from '../../../../src/renderer/features/auth/sign-in';
import { createAppStore } from '../../../../src/renderer/store/index';
import { createFakeApi, deferred, GOOD_TOKEN, SIGNED_IN, SIGNED_OUT } from '../fake-api';
import { renderWithStore } from '../render';

const tokenField = () => screen.getByLabelText('Developer token');
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
    expect(api.auth.signIn).toHaveBeenCalledWith({ token: GOOD_TOKEN });
    await waitFor(() => expect(store.getState().auth).toEqual(SIGNED_IN));
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
