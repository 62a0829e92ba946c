// Replacing a small file so that a crash at any moment leaves the old version or the new one, never half of either:
// write a temporary file beside it, fsync it, rename it over the old one (rename is atomic within a folder on POSIX
// and NTFS). Used for the journal, the settings and the window's place; the sandbox keeps its own (it shares no code).
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';

const tempBeside = (file: string) => `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;

export async function writeFileAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  const temp = tempBeside(file);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** The same, for the few places that must finish before returning (settings saved as the app quits). */
export function writeFileAtomicSync(file: string, text: string, mode = 0o600): void {
  const temp = tempBeside(file);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
