// Before bytes move: what was dropped (files, folders, size), what is skipped, and — when names already exist in
// the destination — the choice of skipping them, keeping both, or adding new versions.
import { useEffect, useRef } from 'react';
import { Button } from '../../components/button';
import { useModalFocus } from '../../components/use-modal-focus';
import { SpinnerIcon, WarningIcon } from '../../components/icons';
import { formatBytes, plural } from '../../format';
import { useApp } from '../../store/context';
import type { Preflight } from '../../../shared/ipc/schemas';

export function PreflightSheet() {
  const drop = useApp((s) => s.pendingDrop);
  const confirm = useApp((s) => s.confirmDrop);
  const cancel = useApp((s) => s.cancelDrop);
  const dialog = useRef<HTMLDivElement>(null);

  const open = drop !== null;
  // A modal: focus moves in, Tab stays in, Escape closes, and focus goes back where it was.
  useModalFocus(dialog, open, cancel);
  // The primary choice takes focus once it is there (after the summary arrives).
  const ready = drop?.summary !== null || drop?.error !== null;
  useEffect(() => {
    if (open && ready) (dialog.current?.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? dialog.current?.querySelector<HTMLElement>('button'))?.focus();
  }, [open, ready]);

  if (!drop) return null;
  const { summary, error, target } = drop;
  const clashes = summary?.clashes ?? [];
  const clashCount = summary?.existing ? summary.existing.identical + summary.existing.differing : clashes.length;
  const canUpload = summary !== null && summary.files > 0;
  return (
    <div className="sheet-backdrop">
      <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="preflight-title" ref={dialog}>
        <h2 id="preflight-title">{target.versionOf ? `New version of ${target.versionOf.name}` : `Upload to ${target.label}`}</h2>
        {!summary && !error ? <p className="muted"><SpinnerIcon size={14} className="spin" aria-hidden="true" /> Looking at what you dropped…</p> : null}
        {summary ? (
          <p className="sheet__summary">
            {summary.folders > 0 ? `${plural(summary.folders, 'folder')}, ` : ''}{plural(summary.files, 'file')} · <span className="num">{formatBytes(summary.totalBytes)}</span>
            {summary.skippedJunk > 0 ? ` · ${plural(summary.skippedJunk, 'system file')} skipped` : ''}
          </p>
        ) : null}
        {summary && summary.problems.length > 0 ? (
          <div className="sheet__problems">
            <p><WarningIcon size={14} aria-hidden="true" className="warning" /> {plural(summary.problems.length, 'item')} cannot be uploaded:</p>
            <ul>{summary.problems.slice(0, 5).map((p) => <li key={p}>{p}</li>)}</ul>
            {summary.problems.length > 5 ? <p className="muted">and {summary.problems.length - 5} more</p> : null}
          </div>
        ) : null}
        {error ? <p className="form-error" role="alert"><WarningIcon size={14} aria-hidden="true" /> {error}</p> : null}
        {target.versionOf && summary ? <p>It will be stacked on top of <strong>{target.versionOf.name}</strong> as its newest version.</p> : null}
        {summary?.existing && !target.versionOf ? <AlreadyThere summary={summary} where={target.label} /> : null}
        {clashes.length > 0 && !summary?.existing && !target.versionOf ? (
          <p>{clashes.length === 1 ? <><strong>{clashes[0]}</strong> already exists</> : <>{plural(clashes.length, 'name')} already exist ({clashes.slice(0, 3).join(', ')}{clashes.length > 3 ? '…' : ''})</>} in {target.label}.</p>
        ) : null}
        <div className="sheet__actions">
          <Button variant="quiet" onClick={cancel}>Cancel</Button>
          {target.versionOf ? (
            <Button variant="primary" disabled={!canUpload} onClick={() => void confirm('version')} data-autofocus>Add version</Button>
          ) : clashCount > 0 ? (
            <>
              <Button disabled={!canUpload} onClick={() => void confirm('skip')} data-autofocus>Skip existing</Button>
              <Button disabled={!canUpload} onClick={() => void confirm('rename')}>Keep both</Button>
              <Button variant="primary" disabled={!canUpload} onClick={() => void confirm('version')}>Add as versions</Button>
            </>
          ) : (
            <Button variant="primary" disabled={!canUpload} onClick={() => void confirm('skip')} data-autofocus>Upload</Button>
          )}
        </div>
      </div>
    </div>
  );
}

/** What of the drop is already in the destination, at every depth (the pre-flight walked the folders that mirror the
 * dropped ones): all of it, some of it, and the names a different file holds there — what "Skip existing" does with
 * each, the way the engine will. */
function AlreadyThere({ summary, where }: { summary: Preflight; where: string }) {
  const { existing, files, clashes } = summary;
  if (!existing || existing.identical + existing.differing === 0) return existing?.checkedAll === false ? <PartlyChecked /> : null;
  const { identical, differing } = existing;
  const others = files - identical - differing;
  const named = clashes.slice(0, Math.min(differing, 3));
  return (
    <div className="sheet__existing">
      {identical === files ? (
        <p>{files === 1 ? <><strong>{clashes[0]}</strong> is</> : `All ${plural(files, 'file')} are`} already in {where} — nothing to upload.</p>
      ) : identical > 0 ? (
        <p>{identical.toLocaleString()} of {plural(files, 'file')} are already in {where}{differing === 0 ? `; Skip existing uploads the other ${others.toLocaleString()}` : ''}.</p>
      ) : null}
      {differing > 0 ? (
        <p>
          {plural(differing, 'file')} {differing === 1 ? 'has' : 'have'} the name of a different file there ({named.join(', ')}{differing > named.length ? '…' : ''}): Skip existing uploads {differing === 1 ? 'it' : 'them'} beside {differing === 1 ? 'it' : 'those'}, under the same name.
        </p>
      ) : null}
      {existing.checkedAll ? null : <PartlyChecked />}
    </div>
  );
}

function PartlyChecked() {
  return <p className="muted">Only the first folders were compared: the drop holds too many to check them all before it starts.</p>;
}
