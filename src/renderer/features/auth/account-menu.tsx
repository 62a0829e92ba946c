// The account switcher in the title bar: who is signed in, and the way to another account, the sandbox, or out.
// Leaving the sandbox, or an account with uploads moving, asks first.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { apiLabel } from '../../../shared/frameio-api';
import { SignOutIcon } from '../../components/icons';
import { useApp } from '../../store/context';
import { countMoving } from '../../store/uploads-slice';

export function AccountMenu() {
  const auth = useApp((s) => s.auth);
  const signOut = useApp((s) => s.signOut);
  const useSandbox = useApp((s) => s.useSandbox);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: MouseEvent) => { if (!root.current?.contains(event.target as Node)) setOpen(false); };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      setOpen(false);
      root.current?.querySelector<HTMLElement>('button')?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  const moving = useApp((s) => countMoving(s.rows, s.order));
  /** What to ask first: leaving the sandbox (what was uploaded there stays there), and stopping uploads. */
  const question = (leavingSandbox: boolean): string | null => {
    const lines: string[] = [];
    if (leavingSandbox) lines.push('Leave the sandbox? What you uploaded to it stays in the sandbox on this computer: none of it goes to Frame.io. "Try the sandbox" brings you back to it.');
    // Leaving this account stops its uploads (they stay journaled and continue when it signs in again).
    if (moving > 0) lines.push(`${moving === 1 ? '1 upload is' : `${moving} uploads are`} in progress. Stop ${moving === 1 ? 'it' : 'them'} now? ${moving === 1 ? 'It continues' : 'They continue'} the next time you ${leavingSandbox ? 'use the sandbox' : 'sign in to this account'}.`);
    return lines.length > 0 ? lines.join('\n\n') : null;
  };
  const choose = (action: () => Promise<void>, leavingSandbox = false) => () => {
    setOpen(false);
    const ask = question(leavingSandbox);
    if (ask !== null && !window.confirm(ask)) return;
    void action();
  };

  return (
    <div className="account-menu" ref={root} onKeyDown={onKeyDown}>
      <button type="button" className="top-bar__account" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title={auth?.user?.email ?? ''}>
        <span className="avatar" aria-hidden="true">{(auth?.user?.name ?? '?').slice(0, 1).toUpperCase()}</span>
        <span className="truncate">{auth?.user?.name}</span>
        {auth?.sandbox ? <span className="badge" title="A local Frame.io-compatible server: nothing leaves this computer">Sandbox</span> : null}
      </button>
      {open ? (
        <div role="menu" aria-label="Account" className="menu">
          <p className="menu__header">
            <strong>{auth?.user?.name}</strong>
            <span className="muted">{auth?.sandbox ? 'Sandbox on this computer' : auth?.user?.email}</span>
            <span className="muted" data-testid="account-api">API: {apiLabel(auth?.apiUrl ?? null)}</span>
          </p>
          {auth?.sandbox ? null : <button type="button" role="menuitem" onClick={choose(useSandbox)}>Try the sandbox</button>}
          <button type="button" role="menuitem" onClick={choose(signOut, !!auth?.sandbox)}>{auth?.sandbox ? 'Sign in to Frame.io…' : 'Use another account…'}</button>
          {auth?.sandbox ? null : <button type="button" role="menuitem" onClick={choose(signOut)}><SignOutIcon size={14} aria-hidden="true" /> Sign out</button>}
        </div>
      ) : null}
    </div>
  );
}
