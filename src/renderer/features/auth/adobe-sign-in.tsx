// "Sign in with Adobe" on the sign-in screen: the browser opens on Adobe's page (main does it; the state, the PKCE
// verifier and the tokens never come here), and the window waits for it with a Cancel. Where no OAuth credential is
// set up (FERRY_IMS_* or the settings), the same button signs in on the local sandbox's own Adobe-like page.
import { Button } from '../../components/button';
import { SpinnerIcon, WarningIcon } from '../../components/icons';
import { useApp } from '../../store/context';

/** `apiUrl`: the Frame.io API the sign-in is for (V4, or another address); null when the choice is V2, which only
 * takes developer tokens. */
export function AdobeSignIn({ apiUrl }: { apiUrl: string | null }) {
  const adobe = useApp((s) => s.auth?.adobe ?? null);
  const busy = useApp((s) => s.authBusy);
  const adobeSignIn = useApp((s) => s.adobeSignIn);
  const cancel = useApp((s) => s.adobeCancel);
  const configured = adobe?.configured ?? false;
  const waiting = adobe?.waiting ?? null;

  if (waiting) {
    return (
      <div className="adobe-wait" role="status" aria-live="polite" data-testid="adobe-waiting">
        <p className="adobe-wait__line">
          <SpinnerIcon size={18} className="spin" aria-hidden="true" />{' '}
          {waiting.finishing ? 'Finishing the sign-in…' : 'Waiting for the browser…'}
        </p>
        <p className="hint">
          {waiting.finishing
            ? 'The browser sent you back to Ferry. Checking the sign-in with Adobe.'
            : <>Sign in on the page that opened in your browser ({waiting.host}{waiting.sandbox ? ', the sandbox on this computer' : ''}), then come back here.</>}
        </p>
        {adobe?.error ? <p className="form-error" role="alert" data-testid="adobe-error"><WarningIcon size={16} aria-hidden="true" /> {adobe.error}</p> : null}
        <Button onClick={() => void cancel()} disabled={waiting.finishing}>Cancel</Button>
      </div>
    );
  }

  const useSandboxPage = !configured;
  return (
    <div className="adobe-sign-in">
      <Button variant="primary" onClick={() => void adobeSignIn(useSandboxPage ? { sandbox: true } : apiUrl ? { apiUrl } : {})} disabled={busy || (!useSandboxPage && apiUrl === null)}>
        Sign in with Adobe
      </Button>
      <p className="hint">
        {useSandboxPage
          ? <>Adobe sign-in is not set up on this computer, so this opens the local sandbox&apos;s own sign-in page (no account needed). To use your Adobe ID, set your OAuth Native App credential (FERRY_IMS_CLIENT_ID and FERRY_IMS_REDIRECT_URI).</>
          : apiUrl === null
            ? 'Frame.io V2 takes developer tokens only: choose V4 below to sign in with Adobe.'
            : 'Opens Adobe’s sign-in page in your browser. Ferry keeps the sign-in in your system keychain and renews it by itself.'}
      </p>
      {adobe?.configProblem ? <p className="notice" role="note">{adobe.configProblem}</p> : null}
      {adobe?.error ? <p className="form-error" role="alert" data-testid="adobe-error"><WarningIcon size={16} aria-hidden="true" /> {adobe.error}</p> : null}
    </div>
  );
}

/** Signed in, but the Adobe sign-in ended (its refresh was refused): the uploads wait, paused, for a new sign-in. */
export function SignInAgainBanner() {
  const adobe = useApp((s) => s.auth?.adobe ?? null);
  const adobeSignIn = useApp((s) => s.adobeSignIn);
  const cancel = useApp((s) => s.adobeCancel);
  const again = adobe?.signInAgain ?? null;
  if (!again) return null;
  const waiting = adobe?.waiting ?? null;
  return (
    <div className="banner banner--warning" role="alert" data-testid="sign-in-again">
      <WarningIcon size={16} aria-hidden="true" />
      <span className="banner__text">
        {again.reason} {again.paused > 0 ? `${again.paused === 1 ? '1 upload is' : `${again.paused} uploads are`} paused, not lost.` : ''}
        {waiting ? ` Waiting for the browser (${waiting.host})…` : ''}
        {adobe?.error ? ` ${adobe.error}` : ''}
      </span>
      {waiting ? null : <Button variant="primary" onClick={() => void adobeSignIn()}>Sign in with Adobe</Button>}
      <Button onClick={() => void cancel()}>{waiting ? 'Cancel' : 'Not now'}</Button>
    </div>
  );
}
