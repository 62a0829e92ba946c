// "Sign in with Adobe" end to end in real Chromium: the window's button → main opens "the system browser" (here a
// second, cookie-less browser context of the same Chromium) on the sandbox's Adobe-like authorize page → Allow →
// the page's 302 to adobe+ferrysandbox://callback?code&state, which no browser tab can hand to an app, is read and
// given to the window through the browser host's redirect route, i.e. to the same handleSignInRedirect the desktop
// app's protocol handler calls → signed in, the tree shown. Deny, a wrong state, a reused code and a wrong PKCE
// verifier each leave the window signed out with a message that says what happened.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { challengeOf } from '../../src/core/auth/pkce';
import type { AppHarness } from './support/app-harness';
import { e2eTest, currentFolder } from './support/scenario';

const it = e2eTest();

const adobeButton = (page: Page) => page.getByRole('button', { name: 'Sign in with Adobe' });

/** Picks the account's API (a `ferry sandbox`-like address instead of api.frame.io, as a person would under "API"),
 * presses the button, and gives the authorize URL main opened in "the system browser". */
async function startSignIn(app: AppHarness): Promise<string> {
  const before = app.opened.length;
  const address = app.page.getByLabel('API address');
  if (!(await address.isVisible())) {
    await app.page.getByText(/^API: /).click();
    await app.page.getByRole('radio', { name: 'Another address' }).check();
  }
  await address.fill(app.apiUrl);
  await adobeButton(app.page).click();
  await app.page.getByTestId('adobe-waiting').getByText('Waiting for the browser…').waitFor();
  await expect.poll(() => app.opened.length).toBe(before + 1);
  return app.opened[before] as string;
}

/** The person's browser (no cookies of the window's): opens the page, presses `label`, gives where its 302 goes. */
async function answerInBrowser(browser: Browser, url: string, label: 'Allow' | 'Deny'): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in to the Ferry sandbox as Demo User' }).waitFor();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 302),
      page.getByRole('button', { name: label }).click({ noWaitAfter: true }),
    ]);
    return (await answer.headerValue('location')) ?? '';
  } finally {
    await context.close();
  }
}

const browserOf = (app: AppHarness): Browser => {
  const browser = app.page.context().browser();
  if (!browser) throw new Error('no browser');
  return browser;
};

const adobeError = (page: Page) => page.getByTestId('adobe-error').innerText();

it('Sign in with Adobe → the authorize page → Allow → the redirect handled → signed in, the tree shown', async ({ app }) => {
  const { page } = app;
  const authorize = await startSignIn(app);
  const params = new URL(authorize).searchParams;
  expect(authorize.startsWith(`${app.account.imsUrl}/ims/authorize/v2?`)).toBe(true);
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('scope')).toBe('openid offline_access profile email additional_info.roles');
  expect(await page.getByTestId('adobe-waiting').innerText()).toContain(new URL(app.account.imsUrl).host);

  const redirect = await answerInBrowser(browserOf(app), authorize, 'Allow');
  expect(redirect).toMatch(/^adobe\+ferrysandbox:\/\/callback\?code=.+&state=/);
  await app.handRedirect(redirect);

  await page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
  await expect.poll(() => currentFolder(page)).toBe('Demo Project');
  const status = app.backend.status();
  expect(status).toMatchObject({ signedIn: true, signedInWith: 'adobe', sandbox: false, apiUrl: app.account.apiV4Url, user: { name: 'Demo User' } });
  // A second attempt of its own each time: a new state and challenge.
  await page.getByRole('button', { name: /Demo User/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  const again = new URL(await startSignIn(app)).searchParams;
  expect(again.get('state')).not.toBe(params.get('state'));
  expect(again.get('code_challenge')).not.toBe(params.get('code_challenge'));
});

it('Deny, a wrong state, a reused code and a wrong verifier: a clear message each, and no sign-in', async ({ app }) => {
  const { page } = app;
  const browser = browserOf(app);

  // Deny on the Adobe page.
  const denied = await answerInBrowser(browser, await startSignIn(app), 'Deny');
  expect(denied).toContain('error=access_denied');
  await app.handRedirect(denied);
  await expect.poll(() => adobeError(page)).toMatch(/The sign-in was cancelled on the Adobe page: nothing was changed\./);
  await adobeButton(page).waitFor();

  // A redirect whose state is not the pending attempt's (a sign-in started elsewhere, or forged): refused, and the
  // real attempt is still waiting for its own.
  const attempt = await startSignIn(app);
  const allowed = await answerInBrowser(browser, attempt, 'Allow');
  const forged = new URL(allowed);
  forged.searchParams.set('state', 'not-the-state-main-made');
  await app.handRedirect(forged.toString());
  await expect.poll(() => adobeError(page)).toMatch(/not started here, or has been replaced by a newer one/);
  expect(app.backend.status().signedIn).toBe(false);
  await page.getByTestId('adobe-waiting').waitFor();

  // The right one still signs in; then, signed out, its code presented again for a new attempt: Adobe refuses it.
  await app.handRedirect(allowed);
  await page.getByRole('treeitem', { name: /Demo Project/ }).waitFor();
  await page.getByRole('button', { name: /Demo User/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  const reuse = new URL(await startSignIn(app));
  const replay = new URL(allowed);
  replay.searchParams.set('state', reuse.searchParams.get('state') ?? '');
  await app.handRedirect(replay.toString());
  await expect.poll(() => adobeError(page)).toMatch(/Adobe refused the sign-in \(invalid_grant: the authorization code was already used\)\. Nothing was changed/);
  expect(app.backend.status().signedIn).toBe(false);

  // A code issued for another PKCE challenge (someone else's page with our state): the window's verifier does not fit.
  const mine = new URL(await startSignIn(app));
  const theirs = new URL(mine);
  theirs.searchParams.set('code_challenge', challengeOf('a-verifier-that-main-never-made-0123456789-abcdefghijklmnop'));
  const crossed = await answerInBrowser(browser, theirs.toString(), 'Allow');
  expect(new URL(crossed).searchParams.get('state')).toBe(mine.searchParams.get('state'));
  await app.handRedirect(crossed);
  await expect.poll(() => adobeError(page)).toMatch(/Adobe refused the sign-in \(invalid_grant: code_verifier does not match the code_challenge\)/);
  expect(app.backend.status()).toMatchObject({ signedIn: false });
  expect(await page.getByRole('treeitem').count()).toBe(0);
  await adobeButton(page).waitFor();
});
