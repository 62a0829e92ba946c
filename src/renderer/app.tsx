// The window: sign-in, or the browser (tree + contents) over the upload queue, with the drop overlay, the
// pre-flight sheet, the network banner and one polite live region for milestones.
import { useEffect } from 'react';
import { SpinnerIcon } from './components/icons';
import { SignInAgainBanner } from './features/auth/adobe-sign-in';
import { SignIn } from './features/auth/sign-in';
import { ContentsTable } from './features/browser/contents-table';
import { FolderTree } from './features/browser/folder-tree';
import { TopBar } from './features/browser/top-bar';
import { DropOverlay } from './features/drop/drop-overlay';
import { PreflightSheet } from './features/drop/preflight-sheet';
import { useWindowDrop } from './features/drop/use-window-drop';
import { Banners } from './features/uploads/banners';
import { QueuePanel } from './features/uploads/queue-panel';
import { useApp } from './store/context';

export function App() {
  const auth = useApp((s) => s.auth);
  const authError = useApp((s) => s.authError);
  const theme = useApp((s) => s.settings?.theme ?? 'system');
  const announcement = useApp((s) => s.announcement);
  useWindowDrop();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <>
      {(auth === null && !authError) || auth?.connecting ? (
        <main className="splash" aria-busy="true">
          <p className="muted"><SpinnerIcon size={20} className="spin" aria-hidden="true" /> {auth?.connecting ? 'Connecting to Frame.io…' : 'Starting…'}</p>
        </main>
      ) : !auth?.signedIn ? (
        <SignIn />
      ) : (
        <div className="shell">
          <TopBar />
          <SignInAgainBanner />
          <Banners />
          <div className="workspace">
            <FolderTree />
            <ContentsTable />
          </div>
          <QueuePanel />
          <DropOverlay />
        </div>
      )}
      <PreflightSheet />
      <div className="sr-only" aria-live="polite" role="status">{announcement}</div>
    </>
  );
}
