// Sign in: paste a developer token (and where to get one), or try Ferry on the local sandbox with no account.
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { SpinnerIcon, UploadIcon, WarningIcon } from '../../components/icons';
import { useApp } from '../../store/context';

export const TOKEN_HELP_URL = 'https://developer.frame.io/app/tokens';

export function SignIn() {
  const [token, setToken] = useState('');
  const busy = useApp((s) => s.authBusy);
  const error = useApp((s) => s.authError);
  const keychain = useApp((s) => s.auth?.keychainAvailable ?? true);
  const problem = useApp((s) => s.auth?.problem ?? null);
  const signIn = useApp((s) => s.signIn);
  const useSandbox = useApp((s) => s.useSandbox);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim().length >= 8) void signIn(token);
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
        <form onSubmit={submit} className="sign-in__form">
          <label htmlFor="token">Developer token</label>
          <input id="token" type="password" autoComplete="off" spellCheck={false} placeholder="fio-u-…" value={token}
            onChange={(e) => setToken(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sign-in-error' : 'token-help'} autoFocus />
          <p id="token-help" className="hint">
            Create one at <a href={TOKEN_HELP_URL} target="_blank" rel="noreferrer">developer.frame.io → Tokens</a>. It is kept in your system keychain, never on disk.
          </p>
          {error ? <p id="sign-in-error" className="form-error" role="alert"><WarningIcon size={16} aria-hidden="true" /> {error}</p> : null}
          {!keychain ? <p className="notice" role="note">No system keychain is available: you will stay signed in until Ferry quits.</p> : null}
          <Button type="submit" variant="primary" disabled={busy || token.trim().length < 8} icon={busy ? <SpinnerIcon size={16} className="spin" aria-hidden="true" /> : null}>Sign in</Button>
        </form>
        <div className="sign-in__divider"><span>or</span></div>
        <Button onClick={() => void useSandbox()} disabled={busy}>Try the sandbox</Button>
        <p className="hint">A local Frame.io-compatible server with demo projects: no account needed, nothing leaves this computer.</p>
      </section>
    </main>
  );
}
