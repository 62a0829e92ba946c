// "Add files…" / "Add folder…": the native dialog (through DesktopApi), then the same pre-flight as a drop onto
// the open folder.
import { useCallback } from 'react';
import { useApi, useAppStore } from '../../store/context';
import { dropTargetAt } from './drop-target';

export function usePickAndUpload(): (kind: 'files' | 'folder') => Promise<void> {
  const api = useApi();
  const store = useAppStore();
  return useCallback(async (kind) => {
    const state = store.getState();
    const openFolder = dropTargetAt(null, state.nodes, state.currentKey); // what a drop on the open folder would target
    if (!openFolder) return;
    try {
      const { paths } = await api.files.pick({ kind });
      if (paths.length) await state.dropPaths(paths, openFolder);
    } catch (error) {
      state.announce(error instanceof Error ? error.message : String(error));
    }
  }, [api, store]);
}
