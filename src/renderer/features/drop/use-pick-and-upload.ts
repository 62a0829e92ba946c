// "Add files…" / "Add folder…": the native dialog (through DesktopApi), then the same pre-flight as a drop onto
// the open folder.
import { useCallback } from 'react';
import { accountIdOf, currentFolderId, destinationLabel } from '../../store/browse-slice';
import { useApi, useAppStore } from '../../store/context';

export function usePickAndUpload(): (kind: 'files' | 'folder') => Promise<void> {
  const api = useApi();
  const store = useAppStore();
  return useCallback(async (kind) => {
    const state = store.getState();
    const folderId = currentFolderId(state);
    if (!folderId) return;
    try {
      const { paths } = await api.files.pick({ kind });
      const accountId = accountIdOf(state.currentKey === null ? undefined : state.nodes[state.currentKey]);
      if (paths.length) await state.dropPaths(paths, { folderId, accountId, label: destinationLabel(state.nodes, state.currentKey) });
    } catch (error) {
      state.announce(error instanceof Error ? error.message : String(error));
    }
  }, [api, store]);
}
