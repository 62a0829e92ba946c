// What the browser window has that the desktop app does not need: the host's stand-ins for a native file dialog (an
// in-page chooser listing this computer's folders through the host) and for a dropped file's path (the page streams
// a dropped File to the host, which spools it and uploads it from there). Present as DesktopApi.host only in the
// browser window (src/preload/http-bridge.ts); Electron's preload leaves it out, so `api.host` tells the renderer
// where it runs.

export interface LocalEntry {
  name: string;
  kind: 'file' | 'folder';
  size: number;
}

export interface LocalListing {
  /** The folder listed (absolute, symlinks resolved). */
  path: string;
  /** Its parent; null at the root. */
  parent: string | null;
  home: string;
  entries: LocalEntry[];
  /** The folder holds more entries than were listed. */
  truncated: boolean;
}

/** A dropped file and where it sits in what was dropped ("Card A/DCIM/a.mov"; a lone file: its name). */
export interface SpoolItem {
  file: File;
  path: string;
}

export interface SpoolProgress {
  files: number;
  doneFiles: number;
  bytes: number;
  doneBytes: number;
}

export interface LocalHostApi {
  list(request: { path?: string; hidden?: boolean }): Promise<LocalListing>;
  /** Grants the chosen paths (as a native dialog's pick is granted) and answers them resolved, as the upload reads them. */
  choose(paths: string[]): Promise<string[]>;
  /** Streams the files to the host's spool; answers the drop's granted top-level paths. */
  spool(items: SpoolItem[], onProgress: (progress: SpoolProgress) => void): Promise<{ dropId: string; paths: string[] }>;
  /** A spooled drop that will not be uploaded (its pre-flight was cancelled): its files go. */
  discard(dropId: string): Promise<void>;
}
