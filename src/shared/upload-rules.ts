// Rules about what may be uploaded how, in one place for the engine (which enforces them), the CLI and the desktop
// backend (which refuse early, with their own wording around it) and the window (which routes a drop by them).

/** A new version of an asset is exactly one file: never a folder, never several files. */
export const isOneFile = (counts: { files: number; folders: number }): boolean => counts.files === 1 && counts.folders === 0;

export const NEW_VERSION_NOT_ONE_FILE = 'A new version must be exactly one file (not a folder or several files).';
