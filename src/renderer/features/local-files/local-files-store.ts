// The browser window's own state around this computer's files: the in-page chooser while it is open (and the promise
// waiting for its answer), and the "Receiving…" progress while a drop streams to the host's spool. Only the browser
// window uses it (DesktopApi.host present); the desktop app has a native dialog and real paths instead.
import { createStore } from 'zustand/vanilla';
import type { SpoolProgress } from '../../../shared/local-host-api';

export interface ChooserRequest {
  kind: 'files' | 'folder';
  /** Answers with the chosen absolute paths, or null when the person closed the chooser. */
  resolve(paths: string[] | null): void;
}

export interface LocalFilesState {
  chooser: ChooserRequest | null;
  receiving: (SpoolProgress & { error: string | null }) | null;
}

export const localFiles = createStore<LocalFilesState>()(() => ({ chooser: null, receiving: null }));

/** Opens the chooser; resolves with what was chosen (null: closed without choosing). One at a time. */
export function openChooser(kind: 'files' | 'folder'): Promise<string[] | null> {
  localFiles.getState().chooser?.resolve(null);
  return new Promise((resolve) => {
    localFiles.setState({
      chooser: {
        kind,
        resolve: (paths) => {
          localFiles.setState({ chooser: null });
          resolve(paths);
        },
      },
    });
  });
}

export const showReceiving = (progress: SpoolProgress | null, error: string | null = null): void =>
  localFiles.setState({ receiving: progress ? { ...progress, error } : null });
