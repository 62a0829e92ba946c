import { join } from 'node:path';
import { upgradeState } from './seed.js';
import { writeStateAtomic } from './state-file.js';
import { readStateFile } from './state-read.js';
import { ChildIndex } from './child-index.js';
import type { AccountRecord, AssetRecord, AssetType, ProjectRecord, SandboxState } from './types.js';

export const STATE_FILE = 'state.json';
/** Mutations within this window share one write. Rewriting the whole state on every mutation made a 500-file
 * upload quadratic (each create rewrote every asset so far); a sandbox killed with -9 loses at most this much. */
export const SAVE_DELAY_MS = 100;
/** ...and the wait grows with the state: after a write that took w ms the next waits at least this many times w, so
 * writing stays under a tenth of the sandbox's time however many assets it holds (a fixed 100 ms made a 20,000-file
 * upload spend most of its time rewriting state.json, O(N) per write, ten times a second). */
export const SAVE_IDLE_FACTOR = 9;

/** How long the next save waits after a write that took `lastWriteMs`. */
export const saveDelayAfter = (lastWriteMs: number): number => Math.max(SAVE_DELAY_MS, Math.ceil(SAVE_IDLE_FACTOR * lastWriteMs));

/** The in-memory state plus its file; every mutation is followed by save(), which writes soon (coalesced, sync
 * write so writes never interleave); close() writes whatever is pending. */
export class Store {
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private lastWriteMs = 0;

  constructor(
    readonly state: SandboxState,
    private readonly path: string,
  ) {}

  static load(dataDir: string): Store | undefined {
    const path = join(dataDir, STATE_FILE);
    const raw = readStateFile(path);
    if (raw === undefined) return undefined;
    const state = raw as SandboxState;
    if (state.schemaVersion !== 1) throw new Error(`sandbox: unsupported state schema in ${path}`);
    // State written before checksums existed lacks the field; null makes the startup backfill hash those files.
    for (const asset of Object.values(state.assets)) asset.xxHash ??= null;
    const store = new Store(state, path);
    if (upgradeState(state)) store.flush();
    return store;
  }

  static create(dataDir: string, state: SandboxState): Store {
    const store = new Store(state, join(dataDir, STATE_FILE));
    store.flush();
    return store;
  }

  save(): void {
    // After close() the folder may be removed or owned by the next sandbox: a late writer must not touch it.
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => this.flush(), saveDelayAfter(this.lastWriteMs));
    this.timer.unref();
  }

  /** Writes now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    const started = performance.now();
    writeStateAtomic(this.path, this.state);
    this.lastWriteMs = performance.now() - started;
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  asset(id: string): AssetRecord | undefined {
    return this.state.assets[id];
  }

  nextSeq(): number {
    this.state.nextSeq += 1;
    return this.state.nextSeq;
  }

  addAsset(asset: AssetRecord): void {
    // The index first: built now, from the assets so far, it must not hold the new one twice.
    const index = this.index;
    this.state.assets[asset.id] = asset;
    index.add(asset);
  }

  removeAsset(id: string): void {
    const asset = this.state.assets[id];
    if (asset) this.index.remove(asset);
    delete this.state.assets[id];
    // Its own child list goes too: a create/delete loop must not leave one entry per deleted folder.
    this.index.dropParent(id);
  }

  /** Parents in the child index (tests: it follows the assets, not every asset ever made). */
  get indexedParents(): number {
    return this.childIndex?.size ?? 0;
  }

  /**
   * Moves an asset under another parent (a file becoming a version in a stack, or leaving one), with its new version
   * number: the index orders by it, so it changes only while the asset is out of the index.
   */
  setParent(asset: AssetRecord, parentId: string, versionNumber: number | null): void {
    this.index.remove(asset);
    asset.parentId = parentId;
    asset.versionNumber = versionNumber;
    this.index.add(asset);
  }

  /**
   * Direct children in display order (seq), versions of a stack by version number; all of them or those of one type.
   * The index's own array, kept up to date: read it, do not keep or change it.
   */
  children(parentId: string, type?: AssetType): readonly AssetRecord[] {
    return this.index.children(parentId, type);
  }

  // Built on first use (after load's upgrades): listing a 10,000-item folder (and the item count of each of its
  // entries) must not scan, or sort, every asset of the sandbox each time.
  private childIndex: ChildIndex | null = null;

  private get index(): ChildIndex {
    this.childIndex ??= ChildIndex.build(Object.values(this.state.assets));
    return this.childIndex;
  }

  /** All descendants, depth first, children before their parent (the order deletion wants). */
  descendants(id: string): AssetRecord[] {
    const out: AssetRecord[] = [];
    for (const child of this.children(id)) {
      out.push(...this.descendants(child.id), child);
    }
    return out;
  }

  project(id: string): ProjectRecord | undefined {
    return this.state.projects.find((p) => p.id === id);
  }

  isProjectRoot(assetId: string): boolean {
    return this.state.projects.some((p) => p.rootAssetId === assetId);
  }

  /** Accounts the demo user belongs to (V2's /v2/accounts), the user's own first. */
  memberAccounts(): AccountRecord[] {
    return this.state.accounts.filter((a) => a.userRoles.length > 0);
  }

  /** Accounts where the user can see something: its own plus those that share a project with it (V4's /v4/accounts). */
  visibleAccounts(): AccountRecord[] {
    const visible = this.visibleProjectIds();
    const sharing = new Set(this.state.projects.filter((p) => visible.has(p.id)).map((p) => p.ownerAccountId));
    return this.state.accounts.filter((a) => a.userRoles.length > 0 || sharing.has(a.id));
  }

  /** Projects the demo user can reach: its teams' projects plus those shared with it. */
  visibleProjectIds(): Set<string> {
    const memberTeams = new Set(this.state.teams.filter((t) => t.userIsMember).map((t) => t.id));
    return new Set(this.state.projects.filter((p) => memberTeams.has(p.teamId) || p.sharedWithUser).map((p) => p.id));
  }
}
