// V4 request bodies, as strict as the spec (additionalProperties: false everywhere): an unknown field is a 422 that
// points at it, e.g. local_upload with media_type → source.pointer "/data/media_type".
import { z } from 'zod';
import { invalid } from '../api/errors.js';
import { readJsonBody } from '../util/http.js';
import type { IncomingMessage } from 'node:http';

const name = z.string({ error: 'name is required' }).min(1, 'name must not be empty').max(255, 'name must be at most 255 characters');
const wrap = <T extends z.ZodRawShape>(shape: T) => z.object({ data: z.object(shape).strict() }).strict();

/** file_size 1 … 5e12 (the spec): a 0-byte file cannot be created on V4. */
export const localUploadBody = wrap({
  name,
  file_size: z.number({ error: 'file_size is required' }).int('file_size must be an integer').min(1, 'file_size must be at least 1 (V4 cannot create an empty file)').max(5e12, 'file_size must be at most 5000000000000'),
});

export const remoteUploadBody = wrap({
  name,
  source_url: z.string({ error: 'source_url is required' }).refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'source_url must be an http(s) URL'),
});

export const folderCreateBody = wrap({ name });

export const moveBody = wrap({ parent_id: z.string({ error: 'parent_id is required' }).min(1, 'parent_id is required') });

export const versionStackBody = wrap({
  file_ids: z
    .array(z.string(), { error: 'file_ids is required' })
    .min(2, 'file_ids needs 2 to 10 files')
    .max(10, 'file_ids needs 2 to 10 files')
    .refine((ids) => new Set(ids).size === ids.length, 'file_ids must be unique'),
});

/** Reads and checks a V4 body; the first problem becomes a 422 with its JSON pointer. */
export async function readV4Body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return Promise.reject(invalid(`${[...path, key].join('.')} is not a field of this request`, `/${[...path, key].join('/')}`));
  }
  const message = issue?.message ?? 'invalid request body';
  return Promise.reject(invalid(path.length > 0 && !message.startsWith(path.at(-1) ?? '') ? `${path.join('.')}: ${message}` : message, `/${path.join('/')}`));
}
