// What a drop carries, as files with their place in what was dropped: a dropped folder is walked (its entries read
// through the File System entries API, webkitGetAsEntry) so the spool mirrors its tree. The entries must be taken
// while the drop event runs (the DataTransfer empties after it); walking them may take as long as it needs.

export interface DroppedFile {
  file: File;
  /** "Card A/DCIM/a.mov" (a lone file: its name). */
  path: string;
}

type Entry = FileSystemEntry | null;

/** Taken synchronously inside the drop handler: each dropped item's entry, or its File when it has none. */
export function takeDropped(transfer: DataTransfer): Array<{ entry: Entry; file: File | null }> {
  return Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null, file: item.getAsFile() }));
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** A folder's entries (readEntries answers in pages until it answers none). */
async function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function walk(entry: FileSystemEntry, prefix: string, into: DroppedFile[]): Promise<void> {
  const here = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) into.push({ file: await fileOf(entry as FileSystemFileEntry), path: here });
  else if (entry.isDirectory) for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, here, into);
}

/** Every file of the drop with its relative path, folders walked to the bottom. */
export async function collectDropped(taken: Array<{ entry: Entry; file: File | null }>): Promise<DroppedFile[]> {
  const files: DroppedFile[] = [];
  for (const { entry, file } of taken) {
    if (entry) await walk(entry, '', files);
    else if (file) files.push({ file, path: file.name });
  }
  return files;
}
