// Drops anywhere on the window: the overlay follows the pointer's target, and a drop turns the files into paths
// (through DesktopApi.pathForFile) and hands them to the pre-flight. In the browser window a dropped file has no path:
// its bytes are streamed to the host's spool first (DesktopApi.host), and the spooled paths go to the pre-flight.
import { useEffect } from 'react';
import { useApi, useAppStore } from '../../store/context';
import { takeDropped } from '../local-files/collect-dropped';
import { spoolDrop } from '../local-files/spool-drop';
import { carriesFiles, dropTargetAt } from './drop-target';

export function useWindowDrop(): void {
  const api = useApi();
  const store = useAppStore();
  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child element: count them to know when the drag left
    const target = (event: DragEvent) => {
      const s = store.getState();
      return dropTargetAt(event.target instanceof Element ? event.target : null, s.nodes, s.currentKey);
    };
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      store.getState().setDragTarget(target(event));
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const where = target(event);
      if (event.dataTransfer) event.dataTransfer.dropEffect = where ? 'copy' : 'none';
      store.getState().setDragTarget(where);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) store.getState().setDragTarget(null);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      const where = target(event);
      const files = Array.from(event.dataTransfer?.files ?? []);
      store.getState().setDragTarget(null);
      if (!where || files.length === 0) return;
      const known = files.map((file) => api.pathForFile(file));
      const paths = known.filter((p) => p.length > 0);
      const host = api.host;
      if (!host || !event.dataTransfer || paths.length === files.length) return void store.getState().dropPaths(paths, where);
      // Taken now: the DataTransfer is emptied once this handler returns.
      const pathless = takeDropped(event.dataTransfer).filter((_, i) => !known[i]);
      void spoolDrop(host, pathless).then((received) => {
        if (!received && paths.length === 0) return; // the receiving strip says what went wrong
        const abandon = received ? () => void host.discard(received.dropId).catch(() => undefined) : undefined;
        void store.getState().dropPaths([...paths, ...(received?.paths ?? [])], where, abandon);
      });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [api, store]);
}
