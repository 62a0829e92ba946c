// The browser window's "Add files…"/"Add folder…": an in-page chooser of this computer's folders and files, listed by
// the host (a page cannot read the disk). A modal: focus stays inside it; ↑/↓ (Home/End) move through the list,
// Space selects, Enter opens a folder (or chooses the files), Backspace goes up, Escape closes. What is chosen goes
// to the host, which grants it exactly as main grants a native dialog's pick.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { LocalEntry, LocalHostApi, LocalListing } from '../../../shared/local-host-api';
import { Button } from '../../components/button';
import { FileIcon, FolderIcon } from '../../components/icons';
import { formatBytes, plural } from '../../format';
import { useApi } from '../../store/context';
import { type ChooserRequest, localFiles } from './local-files-store';
import { useModalFocus } from '../../components/use-modal-focus';

export function LocalChooser() {
  const request = useStore(localFiles, (s) => s.chooser);
  const host = useApi().host;
  if (!request || !host) return null;
  return <ChooserDialog request={request} host={host} />;
}

const sepOf = (folder: string) => (folder.includes('\\') && !folder.includes('/') ? '\\' : '/');

const join = (folder: string, name: string) => (folder.endsWith(sepOf(folder)) ? `${folder}${name}` : `${folder}${sepOf(folder)}${name}`);

/** The listed folder's path as crumbs, each with the path it opens ("/", "home", "ana"; on Windows "C:\\", …). */
function crumbsOf(folder: string): Array<{ name: string; path: string }> {
  const sep = sepOf(folder);
  const rooted = folder.startsWith(sep);
  const crumbs = rooted ? [{ name: sep, path: sep }] : [];
  let at = rooted ? sep : '';
  folder.split(sep).filter(Boolean).forEach((name, i) => {
    at = i === 0 && !rooted ? `${name}${sep}` : join(at, name);
    crumbs.push({ name, path: at });
  });
  return crumbs;
}

function ChooserDialog({ request, host }: { request: ChooserRequest; host: LocalHostApi }) {
  const files = request.kind === 'files';
  const [listing, setListing] = useState<LocalListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const dialog = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const shown = useRef<string | undefined>(undefined);
  useModalFocus(dialog, true);

  const open = useCallback(
    async (folder: string | undefined, showHidden: boolean, focusName?: string) => {
      try {
        const next = await host.list({ path: folder, hidden: showHidden });
        shown.current = next.path;
        setListing(next);
        setSelected(new Set());
        setActive(Math.max(0, focusName ? next.entries.findIndex((e) => e.name === focusName) : 0));
        setError(null);
      } catch (reason) {
        setError(reason instanceof Error ? reason.message : String(reason));
      }
      list.current?.focus();
    },
    [host],
  );
  useEffect(() => void open(shown.current, hidden), [open, hidden]);

  const entries = listing?.entries ?? [];
  const choosable = (e: LocalEntry) => (files ? e.kind === 'file' : e.kind === 'folder');
  const toggle = (entry: LocalEntry | undefined) => {
    if (!entry || !choosable(entry)) return;
    setSelected((was) => {
      if (!files) return was.has(entry.name) ? new Set() : new Set([entry.name]);
      const next = new Set(was);
      if (!next.delete(entry.name)) next.add(entry.name);
      return next;
    });
  };
  const chosenNames = (): string[] => {
    if (selected.size) return [...selected];
    const current = entries[active];
    return files && current && choosable(current) ? [current.name] : [];
  };
  const choose = () => {
    if (!listing) return;
    const names = chosenNames();
    if (files && names.length === 0) return;
    request.resolve(names.length ? names.map((n) => join(listing.path, n)) : [listing.path]);
  };
  const goUp = () => {
    if (!listing?.parent) return;
    const from = crumbsOf(listing.path).at(-1)?.name;
    void open(listing.parent, hidden, from);
  };

  const onListKey = (event: React.KeyboardEvent) => {
    const current = entries[active];
    const move = (to: number) => {
      event.preventDefault();
      setActive(Math.min(Math.max(0, to), Math.max(0, entries.length - 1)));
    };
    if (event.key === 'ArrowDown') move(active + 1);
    else if (event.key === 'ArrowUp') move(active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === ' ') {
      event.preventDefault();
      toggle(current);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current?.kind === 'folder' && listing) void open(join(listing.path, current.name), hidden);
      else choose();
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      goUp();
    }
  };

  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listing]);

  const names = chosenNames();
  const folderName = listing ? (crumbsOf(listing.path).at(-1)?.name ?? listing.path) : '';
  const action = files ? (names.length ? `Upload ${plural(names.length, 'file')}` : 'Upload') : `Upload “${names[0] ?? folderName}”`;
  const title = files ? 'Add files from this computer' : 'Add a folder from this computer';

  return (
    <div className="sheet-backdrop local-chooser-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), request.resolve(null))}>
      <div className="sheet local-chooser" role="dialog" aria-modal="true" aria-labelledby="local-chooser-title" ref={dialog}>
        <h2 id="local-chooser-title" className="local-chooser__title">{title}</h2>
        <nav className="local-chooser__crumbs" aria-label="Folder">
          {listing &&
            crumbsOf(listing.path).map((crumb, i, all) =>
              i === all.length - 1 ? (
                <span key={crumb.path} aria-current="location">{crumb.name}</span>
              ) : (
                <button key={crumb.path} type="button" className="local-chooser__crumb" onClick={() => void open(crumb.path, hidden)}>{crumb.name}</button>
              ),
            )}
        </nav>
        {error && <p className="local-chooser__error" role="alert">{error}</p>}
        <div
          className="local-chooser__list"
          role="listbox"
          tabIndex={0}
          ref={list}
          aria-label={listing ? `Contents of ${folderName}` : 'Loading'}
          aria-multiselectable={files}
          aria-activedescendant={entries.length ? `local-entry-${active}` : undefined}
          aria-busy={!listing}
          onKeyDown={onListKey}
        >
          {entries.map((entry, i) => (
            <div
              key={entry.name}
              id={`local-entry-${i}`}
              data-index={i}
              role="option"
              aria-selected={selected.has(entry.name)}
              aria-disabled={!choosable(entry) && entry.kind === 'file'}
              className={`local-chooser__entry${i === active ? ' is-active' : ''}`}
              onClick={() => (setActive(i), toggle(entry))}
              onDoubleClick={() => entry.kind === 'folder' && listing && void open(join(listing.path, entry.name), hidden)}
            >
              {entry.kind === 'folder' ? <FolderIcon size={16} aria-hidden="true" /> : <FileIcon size={16} aria-hidden="true" />}
              <span className="local-chooser__name">{entry.name}</span>
              <span className="local-chooser__size">{entry.kind === 'file' ? formatBytes(entry.size) : ''}</span>
            </div>
          ))}
          {listing && entries.length === 0 && <p className="muted local-chooser__empty">This folder is empty.</p>}
          {listing?.truncated && <p className="muted local-chooser__empty">Only the first {entries.length.toLocaleString()} items are shown.</p>}
        </div>
        <p className="muted local-chooser__hint">
          {files ? 'Space or click selects files · Enter opens a folder · Backspace goes up' : 'Enter opens a folder · Backspace goes up · choose a folder, or upload the one that is open'}
        </p>
        <div className="sheet__actions local-chooser__actions">
          <label className="local-chooser__hidden">
            <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} /> Show hidden
          </label>
          <Button onClick={goUp} disabled={!listing?.parent}>Up</Button>
          <Button onClick={() => request.resolve(null)}>Cancel</Button>
          <Button variant="primary" onClick={choose} disabled={!listing || (files && names.length === 0)}>{action}</Button>
        </div>
      </div>
    </div>
  );
}
