// Which Frame.io API to sign in to: V4 (where accounts are now, the default), the legacy V2 for accounts not yet moved,
// or another address (a `ferry sandbox`, a proxy). Folded away under its current choice, so the usual case is one
// field and one button; native radio buttons, so arrows move between them and the form's Enter still submits.
import { useId, useState } from 'react';
import { apiVersionOfUrl, FRAMEIO_V2_API_URL, FRAMEIO_V4_API_URL } from '../../../shared/frameio-api';

export type ApiKind = 'v4' | 'v2' | 'other';

export interface ApiSelection {
  kind: ApiKind;
  /** The address typed for 'other'. */
  address: string;
}

/** The choice an API address stands for (the one a saved sign-in that failed was for, say). */
export function selectionFor(apiUrl: string | null | undefined): ApiSelection {
  if (!apiUrl || apiUrl === FRAMEIO_V4_API_URL) return { kind: 'v4', address: '' };
  if (apiUrl === FRAMEIO_V2_API_URL) return { kind: 'v2', address: '' };
  return { kind: 'other', address: apiUrl };
}

/** The address to sign in to, or null while 'other' holds no Frame.io API address (…/v4 or …/v2). */
export function addressOf(selection: ApiSelection): string | null {
  if (selection.kind === 'v4') return FRAMEIO_V4_API_URL;
  if (selection.kind === 'v2') return FRAMEIO_V2_API_URL;
  const address = selection.address.trim();
  return apiVersionOfUrl(address) && /^https?:\/\//i.test(address) ? address : null;
}

const SUMMARY: Record<ApiKind, string> = { v4: 'Frame.io V4', v2: 'Frame.io V2 (legacy)', other: 'another address' };

export function ApiChoice({ value, onChange, disabled }: { value: ApiSelection; onChange: (next: ApiSelection) => void; disabled: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(value.kind !== 'v4'); // shown at once when the choice is not the default
  const choose = (kind: ApiKind) => onChange({ ...value, kind });
  const invalid = value.kind === 'other' && value.address.trim() !== '' && addressOf(value) === null;
  return (
    <details className="sign-in__api" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>API: {SUMMARY[value.kind]}</summary>
      <fieldset disabled={disabled}>
        <legend className="sr-only">Frame.io API</legend>
        <label className="choice">
          <input type="radio" name={`${id}-api`} checked={value.kind === 'v4'} onChange={() => choose('v4')} />
          <span>V4 <span className="muted">— where Frame.io accounts are now (default)</span></span>
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-api`} checked={value.kind === 'v2'} onChange={() => choose('v2')} />
          <span>V2 (legacy) <span className="muted">— accounts not yet moved to V4; developer tokens only</span></span>
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-api`} checked={value.kind === 'other'} onChange={() => choose('other')} />
          <span>Another address</span>
        </label>
        {value.kind === 'other' ? (
          <>
            <input aria-label="API address" type="url" spellCheck={false} placeholder="http://127.0.0.1:8080/v4" value={value.address}
              onChange={(e) => onChange({ kind: 'other', address: e.target.value })} aria-invalid={invalid || undefined} aria-describedby={`${id}-address-help`} />
            <p id={`${id}-address-help`} className={invalid ? 'form-error' : 'hint'}>An API address ends in /v4 (or /v2 for the legacy API), e.g. what <code>ferry sandbox</code> prints.</p>
          </>
        ) : null}
      </fieldset>
    </details>
  );
}
