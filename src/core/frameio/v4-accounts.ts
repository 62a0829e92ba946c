// V4 names the account in every URL, but a folder id alone does not say which account it is in (frameio-api.md
// "V4": "Every other URL is account-scoped"). The client learns it as it goes — from the tree it lists, from a
// journal, from `--account` — and where it does not know, finds it: the only account, or the one where the asset
// exists. Once found, an id's account is remembered for the session, and so are the ids listed under it. Named
// (the CLI's --account), the account is where ids nobody placed are taken to be: a wrong one is a clear 404 naming
// it, not a silent search of the others.
import { FrameioError } from './errors';

export type AssetKind = 'file' | 'folder' | 'version_stack';

export class AccountScope {
  private readonly accounts = new Map<string, string>();
  private readonly kinds = new Map<string, AssetKind>();
  private preferred: string | null = null;

  /** The account ids nobody has placed are in (the CLI's --account): no search of the others. */
  prefer(accountId: string | null): void {
    this.preferred = accountId;
  }

  remember(assetId: string, accountId: string, kind?: AssetKind): void {
    this.accounts.set(assetId, accountId);
    if (kind) this.kinds.set(assetId, kind);
  }

  accountOf(assetId: string): string | null {
    return this.accounts.get(assetId) ?? null;
  }

  kindOf(assetId: string): AssetKind | null {
    return this.kinds.get(assetId) ?? null;
  }

  /** The account holding `assetId`: known, preferred, or the first of `candidates` where `exists` finds it. */
  async resolve(assetId: string, candidates: () => Promise<string[]>, exists: (accountId: string) => Promise<AssetKind | null>): Promise<string> {
    const known = this.accounts.get(assetId);
    if (known) return known;
    if (this.preferred) {
      this.accounts.set(assetId, this.preferred);
      return this.preferred;
    }
    const all = await candidates();
    if (all.length === 1) {
      this.accounts.set(assetId, all[0] as string);
      return all[0] as string;
    }
    for (const accountId of all) {
      const kind = await exists(accountId);
      if (kind) {
        this.remember(assetId, accountId, kind);
        return accountId;
      }
    }
    throw new FrameioError('not_found', `No account you can see holds ${assetId} (looked in ${all.length} accounts); check the id, or name the account with --account`, 404);
  }
}
