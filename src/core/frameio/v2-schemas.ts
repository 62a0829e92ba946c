// Runtime shapes of the V2 responses Ferry reads (frameio-api.md). Only the fields we use are required; unknown
// fields are ignored so additions on Frame.io's side never break us.
import { z } from 'zod';

const id = z.string().min(1);
const nullableString = z.string().nullish().transform((v) => v ?? null);
const nullableNumber = z.number().nullish().transform((v) => v ?? null);

export const v2User = z.object({
  id,
  name: nullableString,
  email: nullableString,
  account_id: nullableString,
});

export const v2Account = z.object({ id, name: nullableString, display_name: nullableString });

export const v2Team = z.object({ id, name: nullableString, account_id: nullableString });

export const v2Project = z.object({
  id,
  name: nullableString,
  team_id: nullableString,
  root_asset_id: id,
});

export const v2Asset = z.object({
  id,
  name: z.string(),
  type: z.enum(['file', 'folder', 'version_stack']),
  parent_id: nullableString,
  project_id: nullableString,
  filesize: nullableNumber,
  filetype: nullableString,
  item_count: nullableNumber,
  upload_completed_at: nullableString,
  original: nullableString,
  checksums: z
    .object({ xx_hash: nullableString })
    .nullish()
    .transform((v) => v ?? null),
  inserted_at: nullableString,
  updated_at: nullableString,
});

export const v2CreatedFile = v2Asset.extend({
  upload_urls: z.array(z.string().url()).min(1),
});

export type V2Asset = z.infer<typeof v2Asset>;
