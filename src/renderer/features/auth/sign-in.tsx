// Sign in: with Adobe (the browser opens on Adobe's page: adobe-sign-in.tsx), or paste a token (a V4 access token from Adobe's Developer Console, or a developer token, which V4 takes too),
// for Frame.io V4 unless the person picks the legacy V2 or another address; or try Ferry on the local sandbox.
import { type FormEvent, useState } from 'react';
import { ADOBE_CONSOLE_URL, DEVELOPER_TOKEN_URL } from '../../../shared/frameio-api';
import { Button } from '../../components/button';
import { SpinnerIcon, UploadIcon, WarningIcon } from '../../components/icons';
import { useApp } from '../../store/context';
import { AdobeSignIn } from './adobe-sign-in';
import { addressOf, ApiChoice, type ApiSelection, selectionFor } from './api-choice';

export function SignIn() {
  const [token, setToken] = useState('');
  const busy = useApp((s) => s.authBusy);
  const error = useApp((s) => s.authError);
  const keychain = useApp((s) => s.auth?.keychainAvailable ?? true);
  const problem = useApp((s) => s.auth?.problem ?? null);
  // A saved sign-in that failed at start-up is offered again on its own API.
  const failedApi = useApp((s) => (s.auth?.problem ? s.auth.apiUrl : null));
  const signIn = useApp((s) => s.signIn);
  const useSandbox = useApp((s) => s.useSandbox);
  const [api, setApi] = useState<ApiSelection>(() => selectionFor(failedApi));
  const apiUrl = addressOf(api);
  const ready = token.trim().length >= 8 && apiUrl !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void signIn(token, apiUrl);
  };

  return (
    <main className="sign-in">
      <section className="sign-in__card" aria-labelledby="sign-in-title">
        <div className="sign-in__brand">
          <span className="brand-mark" aria-hidden="true"><UploadIcon size={22} /></span>
          <h1 id="sign-in-title">Sign in to Frame.io</h1>
        </div>
        <p className="muted">Ferry uploads straight from your disk to Frame.io, in parallel, and picks up where it left off.</p>
        {problem ? <p className="notice" role="status">{problem}</p> : null}
        <AdobeSignIn apiUrl={api.kind === 'v2' ? null : apiUrl} />
        <div className="sign-in__divider"><span>or use a token</span></div>
        <form onSubmit={submit} className="sign-in__form">
          <label htmlFor="token">Access token or developer token</label>
          <input id="token" type="password" autoComplete="off" spellCheck={false} placeholder="Paste your token" value={token}
            onChange={(e) => setToken(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sign-in-error' : 'token-help'} />
          <p id="token-help" className="hint">
            {api.kind === 'v2' ? (
              <>A developer token (fio-u-…) from <a href={DEVELOPER_TOKEN_URL} target="_blank" rel="noreferrer">developer.frame.io → Tokens</a>.</>
            ) : (
              <>An access token from your project in <a href={ADOBE_CONSOLE_URL} target="_blank" rel="noreferrer">Adobe Developer Console</a> (with
                the Frame.io API added), or a developer token (fio-u-…) from <a href={DEVELOPER_TOKEN_URL} target="_blank" rel="noreferrer">developer.frame.io → Tokens</a>: both work on V4.</>
            )}{' '}
            It is kept in your system keychain, never on disk.
          </p>
          <ApiChoice value={api} onChange={setApi} disabled={busy} />
          {error ? <p id="sign-in-error" className="form-error" role="alert"><WarningIcon size={16} aria-hidden="true" /> {error}</p> : null}
          {!keychain ? <p className="notice" role="note">No system keychain is available: you will stay signed in until Ferry quits.</p> : null}
          <Button type="submit" disabled={busy || !ready} icon={busy ? <SpinnerIcon size={16} className="spin" aria-hidden="true" /> : null}>Sign in</Button>
        </form>
        <div className="sign-in__divider"><span>or</span></div>
        <Button onClick={() => void useSandbox()} disabled={busy}>Try the sandbox</Button>
        <p className="hint">A local Frame.io-compatible server with demo projects: no account needed, nothing leaves this computer.</p>
      </section>
    </main>
  );
}
