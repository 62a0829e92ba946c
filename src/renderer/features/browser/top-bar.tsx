// The title bar: who is signed in, where uploads go (breadcrumbs: the account, or Shared with me, then the project and
// its folders), and the actions for the open folder.
import { useState } from 'react';
import { Button, IconButton } from '../../components/button';
import { AddFolderIcon, DarkIcon, LightIcon, NewFolderIcon, RefreshIcon, SystemThemeIcon, UploadIcon } from '../../components/icons';
import { isFolderNode, pathOf } from '../../store/browse-slice';
import { useApp } from '../../store/context';
import { AccountMenu } from '../auth/account-menu';
import { usePickAndUpload } from '../drop/use-pick-and-upload';
import { nextTheme, osPrefersDark, shownTheme, themeButtonLabel } from './theme-cycle';

export function TopBar() {
  const nodes = useApp((s) => s.nodes);
  const currentKey = useApp((s) => s.currentKey);
  const openNode = useApp((s) => s.openNode);
  const refresh = useApp((s) => s.refresh);
  const createFolder = useApp((s) => s.createFolder);
  const theme = useApp((s) => s.settings?.theme ?? 'system');
  const setTheme = useApp((s) => s.setTheme);
  const announce = useApp((s) => s.announce);
  const pick = usePickAndUpload();
  const [naming, setNaming] = useState(false);
  const [folderName, setFolderName] = useState('');
  const path = pathOf(nodes, currentKey);
  const crumbs = path.filter(isFolderNode);
  // With several accounts (V4) the project's name alone does not say where: the account (or "Shared with me") leads.
  const within = crumbs.length > 0 && path[0] && !isFolderNode(path[0]) ? path[0] : null;
  const osDark = osPrefersDark(); // read at each render: the OS may have changed since
  const ThemeIcon = theme === 'system' ? SystemThemeIcon : shownTheme(theme, osDark) === 'dark' ? DarkIcon : LightIcon;

  const submitFolder = async () => {
    const name = folderName.trim();
    setNaming(false);
    setFolderName('');
    if (!name) return;
    try {
      await createFolder(name);
      announce(`Folder ${name} created`);
    } catch (error) {
      announce(`Could not create the folder: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <header className="top-bar">
      <AccountMenu />
      <nav aria-label="Destination" className="breadcrumbs">
        <ol>
          {within ? <li className="breadcrumbs__within muted">{within.label}</li> : null}
          {crumbs.map((crumb, index) => (
            <li key={crumb.key}>
              {index === crumbs.length - 1 ? <span aria-current="location">{crumb.label}</span> : <button type="button" className="link-button" onClick={() => void openNode(crumb.key)}>{crumb.label}</button>}
            </li>
          ))}
        </ol>
      </nav>
      <div className="top-bar__actions">
        {naming ? (
          <form className="new-folder" onSubmit={(e) => { e.preventDefault(); void submitFolder(); }}>
            <input aria-label="New folder name" autoFocus value={folderName} onChange={(e) => setFolderName(e.target.value)} onBlur={() => void submitFolder()}
              onKeyDown={(e) => { if (e.key === 'Escape') { setNaming(false); setFolderName(''); } }} placeholder="Folder name" maxLength={255} />
          </form>
        ) : (
          <IconButton label="New folder" icon={<NewFolderIcon size={16} />} disabled={!currentKey} onClick={() => setNaming(true)} />
        )}
        <IconButton label="Refresh" icon={<RefreshIcon size={16} />} onClick={() => void refresh()} />
        <Button icon={<AddFolderIcon size={16} aria-hidden="true" />} disabled={!currentKey} title="Upload a folder to the open folder" onClick={() => void pick('folder')}>Add folder…</Button>
        <Button variant="primary" icon={<UploadIcon size={16} aria-hidden="true" />} disabled={!currentKey} title="Upload files to the open folder" onClick={() => void pick('files')}>Add files…</Button>
        <IconButton label={themeButtonLabel(theme, osDark)} icon={<ThemeIcon size={16} />} onClick={() => void setTheme(nextTheme(theme, osDark))} />
      </div>
    </header>
  );
}
