// Where each scanned folder and file lands remotely: existing folders with the same name are reused (never
// duplicated), and a file whose name already exists follows the batch's conflict policy.
import path from 'node:path';
import { FrameioError } from '../frameio/errors';
import type { Asset, FrameioClient } from '../frameio/types';
import type { ConflictPolicy } from './file-state';
import type { Limiter } from './limiter';

/** `skip` is the default: re-running the same upload (an ingest script, a retried drop) never duplicates footage. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = 'skip';

/** A remote folder's children by name: finding what a file or folder of a name meets there is one lookup, whatever
 * the folder's size (issue 14: no per-file work that grows with the folder — 10,000 files into a folder of 10,000
 * were 10⁸ comparisons when each file searched the whole listing). */
export class FolderListing {
  private readonly byName = new Map<string, Asset[]>();

  constructor(assets: Iterable<Asset> = []) {
    for (const asset of assets) this.add(asset);
  }

  add(asset: Asset): void {
    const { name } = asset;
    const same = this.byName.get(name);
    if (same) same.push(asset);
    else this.byName.set(name, [asset]);
  }

  /** Every child of this name (a folder, files, version stacks), in listing order. */
  named(name: string): readonly Asset[] {
    return this.byName.get(name) ?? [];
  }

  /** Some child has this name. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Every name in the folder (a name shared by several children once). */
  names(): IterableIterator<string> {
    return this.byName.keys();
  }
}

/** Children of remote folders, each listed at most once per batch, kept current as the batch adds folders. */
export class RemoteIndex {
  private readonly listings = new Map<string, Promise<FolderListing>>();

  constructor(private readonly client: FrameioClient) {}

  children(folderId: string): Promise<FolderListing> {
    let listing = this.listings.get(folderId);
    if (!listing) {
      listing = this.client.listChildren(folderId).then((assets) => new FolderListing(assets));
      this.listings.set(folderId, listing);
      // A failed listing is not kept: a retry (after a new token, say) lists again instead of failing the same way.
      const mine = listing;
      mine.catch(() => this.listings.get(folderId) === mine && this.listings.delete(folderId));
    }
    return listing;
  }

  async add(folderId: string, asset: Asset): Promise<void> {
    (await this.children(folderId)).add(asset);
  }

  /** A folder this batch just created is empty: no listing needed (three calls per folder on V4). */
  created(folder: Asset): void {
    if (!this.listings.has(folder.id)) this.listings.set(folder.id, Promise.resolve(new FolderListing()));
  }
}

/** Every folder the given remote dirs need, parents included: "A/B" → "A", "A/B". A resumed batch mirrors these, since
 * the journal only lists the folders created before it stopped (none, if it stopped while creating them). */
export function foldersFor(remoteDirs: Iterable<string>): string[] {
  const folders = new Set<string>();
  for (const dir of remoteDirs) {
    for (let cut = dir.indexOf('/'); cut >= 0; cut = dir.indexOf('/', cut + 1)) folders.add(dir.slice(0, cut));
    if (dir) folders.add(dir);
  }
  return [...folders];
}

/** Says which folder a failed call was about. A 401 stays as it is: the file is left unfinished, not failed. */
async function about<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FrameioError && error.kind === 'unauthorized') throw error;
    throw new Error(`${what} in Frame.io: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Remote folder ids by remote path ('' is the target): each scanned folder is reused or created as soon as its parent
 * exists, so a file waits only for its own folder, and the first files' bytes flow while deeper folders are still
 * being made (issue 14: creating a card's folders first cost seconds before the first byte). A failure names the
 * folder — 'Could not create the folder "Day 2/Cam A" in Frame.io: …' — and is what every file under it gets; a
 * later run (`forgetFailures`) tries it again. One per batch, so two runs of it never create the same folder twice.
 */
export class RemoteFolders {
  private readonly ids = new Map<string, Promise<string>>();
  private readonly failed = new Set<string>();
  /** Told of each folder found or created. */
  onFound: (folder: string, id: string) => void = () => {};

  constructor(
    private readonly client: FrameioClient,
    private readonly index: RemoteIndex,
    private readonly targetId: string,
    private readonly limiter: Limiter,
    known: Readonly<Record<string, string>>,
  ) {
    this.ids.set('', Promise.resolve(targetId));
    for (const [folder, id] of Object.entries(known)) this.ids.set(folder, Promise.resolve(id));
  }

  /** Lists the destination: one that cannot be read stops the batch before any file starts. */
  async target(): Promise<void> {
    await about('Could not read the destination folder', () => this.index.children(this.targetId));
  }

  /** Starts on every folder the batch needs (parents first, each under the create limiter). */
  startAll(folders: readonly string[]): void {
    for (const folder of folders) this.id(folder).catch(() => undefined);
  }

  id(folder: string): Promise<string> {
    let found = this.ids.get(folder);
    if (!found) {
      found = this.make(folder);
      this.ids.set(folder, found);
      found.then(
        (id) => this.onFound(folder, id),
        () => this.failed.add(folder),
      );
    }
    return found;
  }

  /** A new run of the batch tries again the folders that could not be made. */
  forgetFailures(): void {
    for (const folder of this.failed) this.ids.delete(folder);
    this.failed.clear();
  }

  private async make(folder: string): Promise<string> {
    const cut = folder.lastIndexOf('/');
    const name = folder.slice(cut + 1);
    const parent = cut < 0 ? '' : folder.slice(0, cut);
    const parentId = await this.id(parent);
    const siblings = await about(parent ? `Could not read the folder "${parent}"` : 'Could not read the destination folder', () => this.index.children(parentId));
    const existing = siblings.named(name).find((a) => a.type === 'folder');
    if (existing) return existing.id;
    const created = await about(`Could not create the folder "${folder}"`, () => this.limiter.run(() => this.client.createFolder(parentId, name)));
    await this.index.add(parentId, created);
    this.index.created(created);
    return created.id;
  }
}

export type ConflictDecision =
  | { action: 'upload'; remoteName: string; versionOf: string | null }
  | { action: 'skip'; existing: Asset };

/** "clip.mov" → "clip (1).mov", "clip (2).mov", … the first name not taken. */
export function nextFreeName(name: string, taken: { has(name: string): boolean }): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function resolveConflict(
  index: RemoteIndex,
  parentId: string,
  name: string,
  size: number,
  policy: ConflictPolicy,
): Promise<ConflictDecision> {
  const siblings = await index.children(parentId);
  const same = siblings.named(name).filter((a) => a.type !== 'folder');
  if (same.length === 0) return { action: 'upload', remoteName: name, versionOf: null };
  switch (policy) {
    case 'skip': {
      const identical = same.find((a) => a.size === size && a.uploadComplete);
      return identical ? { action: 'skip', existing: identical } : { action: 'upload', remoteName: name, versionOf: null };
    }
    case 'rename':
      return { action: 'upload', remoteName: nextFreeName(name, siblings), versionOf: null };
    case 'version':
      return { action: 'upload', remoteName: name, versionOf: (same.find((a) => a.type === 'version_stack') ?? same[0] as Asset).id };
  }
}

/** The process died between sending a create and journaling its answer: an incomplete asset of this name and size
 * may exist. It can never complete (its URLs are lost), so it is removed before the file is created again. `size` is
 * the journaled one, the size the create was made with (never the file's size on disk now, which may have grown since:
 * matching that would miss our placeholder), so only an asset matching our own journaled intent is ever removed. */
export async function removeOrphans(
  client: FrameioClient,
  index: RemoteIndex,
  parentId: string,
  file: { remoteName: string; size: number },
): Promise<void> {
  const siblings = await index.children(parentId);
  for (const orphan of siblings.named(file.remoteName).filter((a) => a.type === 'file' && a.size === file.size && !a.uploadComplete)) {
    await client.deleteAsset(orphan.id);
  }
}
