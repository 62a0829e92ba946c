// What the window is doing around the data: where a drag would land, the pre-flight sheet of a drop, the network
// banner, the theme, and the one polite announcement screen readers hear for batch milestones.
import type { Preflight, Settings } from '../../shared/ipc/schemas';
import type { SliceCreator } from './types';
import { isOneFile } from '../../shared/upload-rules';

export interface DropTarget {
  /** Upload into this folder… */
  folderId: string;
  /** …which is in this account (from the tree; null where the API does not say)… */
  accountId: string | null;
  label: string;
  /** …or as a new version of this file. */
  versionOf?: { assetId: string; name: string };
}

export interface PendingDrop {
  paths: string[];
  target: DropTarget;
  summary: Preflight | null;
  error: string | null;
  /** Called when the drop is cancelled before it is uploaded (the browser window discards its spooled copy). */
  abandon?: () => void;
}

export interface UiSlice {
  dragTarget: DropTarget | null;
  pendingDrop: PendingDrop | null;
  online: boolean;
  /** When Frame.io's rate limit lets requests go again (ms since epoch), while it holds them. */
  slowDownUntil: number | null;
  /** What main warned about (once each), until dismissed. */
  warnings: string[];
  announcement: string;
  settings: Settings | null;
  queueOpen: boolean;
  setDragTarget(target: DropTarget | null): void;
  dropPaths(paths: string[], target: DropTarget, abandon?: () => void): Promise<void>;
  confirmDrop(onConflict: 'skip' | 'rename' | 'version'): Promise<void>;
  cancelDrop(): void;
  setOnline(online: boolean): void;
  noteSlowDown(waitSeconds: number, now?: number): void;
  addWarning(message: string): void;
  dismissWarning(message: string): void;
  announce(text: string): void;
  loadSettings(): Promise<void>;
  setTheme(theme: Settings['theme']): Promise<void>;
  setQueueOpen(open: boolean): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get, api) => {
  const enqueue = async (drop: PendingDrop, onConflict?: 'skip' | 'rename' | 'version') => {
    const { target } = drop;
    const result = await api.uploads.enqueue({
      paths: drop.paths,
      folderId: target.folderId,
      accountId: target.accountId,
      ...(target.versionOf ? { versionOf: target.versionOf.assetId } : onConflict ? { onConflict } : {}),
    });
    get().noteBatchFolder(result.batchId, target.folderId);
    set({ queueOpen: true });
    get().announce(`Uploading ${result.fileIds.length === 1 ? '1 file' : `${result.fileIds.length} files`} to ${target.label}`);
    await get().loadUploads();
  };
  return {
    dragTarget: null,
    pendingDrop: null,
    online: true,
    slowDownUntil: null,
    warnings: [],
    announcement: '',
    settings: null,
    queueOpen: true,

    setDragTarget: (target) => {
      const was = get().dragTarget;
      if (was === target || (was && target && was.folderId === target.folderId && was.versionOf?.assetId === target.versionOf?.assetId)) return;
      set({ dragTarget: target });
    },

    async dropPaths(paths, target, abandon) {
      set({ dragTarget: null });
      if (paths.length === 0) {
        set({ pendingDrop: { paths, target, summary: null, error: 'These items have no location on disk (they may come from another app or a web page). Drag them from Finder or Explorer, or use Add files.' } });
        return;
      }
      // Onto a file, only one file can be a new version of it; anything else (several items, a folder) goes into
      // the folder like any other drop. Either way the sheet confirms before a byte moves.
      const intoFolder: DropTarget = { folderId: target.folderId, accountId: target.accountId, label: target.label };
      let wanted = target.versionOf && paths.length === 1 ? target : intoFolder;
      set({ pendingDrop: { paths, target: wanted, summary: null, error: null, abandon } });
      try {
        const summary = await api.uploads.preflight({ paths, folderId: target.folderId, accountId: target.accountId });
        if (get().pendingDrop?.paths !== paths) return;
        if (wanted.versionOf && !isOneFile(summary)) wanted = intoFolder;
        set({ pendingDrop: { paths, target: wanted, abandon, summary, error: summary.files === 0 ? (summary.problems[0] ?? 'Nothing to upload: no readable files in what you dropped.') : null } });
      } catch (error) {
        set({ pendingDrop: { paths, target: wanted, abandon, summary: null, error: error instanceof Error ? error.message : String(error) } });
      }
    },

    async confirmDrop(onConflict) {
      const drop = get().pendingDrop;
      if (!drop) return;
      try {
        set({ pendingDrop: null });
        await enqueue(drop, onConflict);
      } catch (error) {
        set({ pendingDrop: { ...drop, error: error instanceof Error ? error.message : String(error) } });
      }
    },

    cancelDrop: () => {
      get().pendingDrop?.abandon?.();
      set({ pendingDrop: null });
    },
    setOnline: (online) => set({ online }),
    noteSlowDown: (waitSeconds, now = Date.now()) => set((s) => ({ slowDownUntil: Math.max(s.slowDownUntil ?? 0, now + waitSeconds * 1000) })),
    announce: (text) => set({ announcement: text }),
    addWarning: (message) => set((s) => (s.warnings.includes(message) ? s : { warnings: [...s.warnings, message] })),
    dismissWarning: (message) => set((s) => ({ warnings: s.warnings.filter((w) => w !== message) })),

    async loadSettings() {
      set({ settings: await api.settings.get({}) });
    },
    async setTheme(theme) {
      set({ settings: await api.settings.set({ theme }) });
    },
    setQueueOpen: (open) => set({ queueOpen: open }),
  };
};
