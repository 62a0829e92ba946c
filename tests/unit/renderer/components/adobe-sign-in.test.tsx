// "Sign in with Adobe" on the sign-in screen: not set up, it opens the sandbox's own page; set up, Adobe's for the
// chosen API (none for V2); the window then waits for the browser with a Cancel, shows why a sign-in did not go
// through, and, signed in, a banner asks to sign in again when the Adobe sign-in ended (uploads paused, not lost).
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SignInAgainBanner } from '../../../../src/renderer/features/auth/adobe-sign-in';
import { SignIn } from '../../../../src/renderer/features/auth/sign-in';
import { bindEvents } from '../../../../src/renderer/store/bind-events';
import { createAppStore } from '../../../../src/renderer/store/index';
import { FRAMEIO_V4_API_URL } from '../../../../src/shared/frameio-api';
import { ADOBE_IDLE, createFakeApi, SIGNED_IN, SIGNED_OUT } from '../fake-api';
import { renderWithStore } from '../render';

const adobeButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in with Adobe' });

function signedOut(adobe = ADOBE_IDLE) {
  const api = createFakeApi({ auth: { ...SIGNED_OUT, adobe } });
  const store = createAppStore(api);
  bindEvents(api, store);
  store.setState({ auth: { ...SIGNED_OUT, adobe } });
  return { api, store };
}

describe('Sign in with Adobe', () => {
  it('not set up: opens the sandbox’s own sign-in page, then waits for the browser; Cancel stops waiting', async () => {
    const user = userEvent.setup();
    const { api, store } = signedOut();
    renderWithStore(<SignIn />, api, store);
    expect(screen.getByText(/not set up on this computer/).textContent).toMatch(/FERRY_IMS_CLIENT_ID/);
    await user.click(adobeButton());
    expect(api.auth.adobeSignIn).toHaveBeenCalledWith({ sandbox: true });
    const waiting = await screen.findByTestId('adobe-waiting');
    expect(waiting.textContent).toMatch(/Waiting for the browser…/);
    expect(waiting.textContent).toMatch(/127\.0\.0\.1:4010, the sandbox on this computer/);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.auth.adobeCancel).toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByTestId('adobe-waiting')).toBeNull());
    expect(adobeButton()).toBeTruthy();
  });

  it('set up: signs in for the chosen API (V4 by default); V2 takes tokens only', async () => {
    const user = userEvent.setup();
    const { api, store } = signedOut({ ...ADOBE_IDLE, configured: true, configuredBy: 'environment' });
    renderWithStore(<SignIn />, api, store);
    expect(screen.getByText(/Opens Adobe’s sign-in page in your browser/)).toBeTruthy();
    await user.click(adobeButton());
    expect(api.auth.adobeSignIn).toHaveBeenCalledWith({ apiUrl: FRAMEIO_V4_API_URL });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByText(/^API:/));
    await user.click(screen.getByLabelText(/V2 \(legacy\)/));
    expect(adobeButton().disabled).toBe(true);
    expect(screen.getByText(/V2 takes developer tokens only/)).toBeTruthy();
  });

  it('shows why the last sign-in did not go through, and a set-up that cannot work', () => {
    const { api, store } = signedOut({ ...ADOBE_IDLE, configured: false, configProblem: 'Sign in with Adobe is not set up correctly: the sign-in server must be https.', error: 'The sign-in was cancelled on the Adobe page: nothing was changed.' });
    renderWithStore(<SignIn />, api, store);
    expect(screen.getByRole('alert').textContent).toMatch(/cancelled on the Adobe page/);
    expect(screen.getByRole('note').textContent).toMatch(/must be https/);
  });

  it('while finishing, Cancel is off (the code is being exchanged)', () => {
    const { api, store } = signedOut({ ...ADOBE_IDLE, waiting: { host: 'ims-na1.adobelogin.com', sandbox: false, finishing: true } });
    renderWithStore(<SignIn />, api, store);
    expect(screen.getByTestId('adobe-waiting').textContent).toMatch(/Finishing the sign-in…/);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Cancel' }).disabled).toBe(true);
  });

  it('signed in, an ended Adobe sign-in asks to sign in again: the uploads are paused, not lost; Cancel says no', async () => {
    const user = userEvent.setup();
    const signInAgain = { reason: 'Your Adobe sign-in has ended (Adobe refused the sign-in). Sign in with Adobe again: the paused uploads then continue.', paused: 3 };
    const api = createFakeApi({ auth: { ...SIGNED_IN, signedInWith: 'adobe', adobe: { ...ADOBE_IDLE, signInAgain } } });
    const store = createAppStore(api);
    bindEvents(api, store);
    store.setState({ auth: { ...SIGNED_IN, signedInWith: 'adobe', adobe: { ...ADOBE_IDLE, signInAgain } } });
    renderWithStore(<SignInAgainBanner />, api, store);
    expect(screen.getByTestId('sign-in-again').textContent).toMatch(/3 uploads are paused, not lost/);
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy();
    await user.click(adobeButton());
    expect(api.auth.adobeSignIn).toHaveBeenCalledWith({});
    await waitFor(() => expect(screen.getByTestId('sign-in-again').textContent).toMatch(/Waiting for the browser \(ims-na1\.adobelogin\.com\)/));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.auth.adobeCancel).toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByTestId('sign-in-again')).toBeNull());
  });
});
