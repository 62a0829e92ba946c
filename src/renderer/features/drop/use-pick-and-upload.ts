// "Add files…" / "Add folder…": the native dialog (through DesktopApi) — in the browser window, its in-page chooser,
// whose choice the host grants as main grants the dialog's — then the same pre-flight as a drop onto the open folder.
import { useCallback } from 'react';
import { useApi, useAppStore } from '../../store/context';
import { openChooser } from '../local-files/local-files-store';
import { dropTargetAt } from './drop-target';

export function usePickAndUpload(): (kind: 'files' | 'folder') => Promise<void> {
  const api = useApi();
  const store = useAppStore();
  return useCallback(async (kind) => {
    const state = store.getState();
    const openFolder = dropTargetAt(null, state.nodes, state.currentKey); // what a drop on the open folder would target
    if (!openFolder) return;
    try {
      const paths = api.host ? await chooseInPage(api.host, kind) : (await api.files.pick({ kind })).paths;
      if (paths.length) await state.dropPaths(paths, openFolder);
    } catch (error) {
      state.announce(error instanceof Error ? error.message : String(error));
    }
  }, [api, store]);
}

async function chooseInPage(host: NonNullable<ReturnType<typeof useApi>['host']>, kind: 'files' | 'folder'): Promise<string[]> {
  const chosen = await openChooser(kind);
  return chosen?.length ? host.choose(chosen) : [];
}
