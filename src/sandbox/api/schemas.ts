import { z } from 'zod';
import { MAX_FILE_BYTES } from '../completion.js';

const name = z.string().trim().min(1, 'name must not be empty').max(255, 'name must be at most 255 characters');

// filetype becomes the Content-Type every part PUT must send (a signed header), so it must be a valid media type.
const filetype = z
  .string()
  .regex(/^[A-Za-z0-9][\w.+-]*\/[\w.+-]+$/, 'filetype must be a media type such as video/mp4');

const httpUrl = z
  .string()
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'source.url must be an http(s) URL');

// V2 creates are liberal in what they accept (frameio-api.md "What Frame.io's own V2 clients send"): the Python SDK
// sends explicit nulls (`"filesize": null, "filetype": null` for a folder) and tools add keys of their own, so
// unknown keys are dropped (z.object strips them) and optional fields may be null. What is given is still checked.
export const createFolderBody = z.object({ type: z.literal('folder'), name });

// 0-byte files: real Frame.io behaviour is unknown; S3 cannot take a 0-part upload and the split rule
// divides by the part count, so the sandbox refuses them with 422 "filesize must be > 0".
// filetype may be missing or null (fioctl never sends one): the server decides it from the name.
export const createFileBody = z.object({
  type: z.literal('file'),
  name,
  filetype: filetype.nullish(),
  filesize: z
    .number({ error: 'filesize must be a number' })
    .int('filesize must be an integer')
    .nonnegative('filesize must be a non-negative integer')
    .refine((n) => n > 0, 'filesize must be > 0')
    .refine((n) => n <= MAX_FILE_BYTES, `filesize is too large: at most 10,000 parts of 5 GiB (${MAX_FILE_BYTES} bytes)`),
});

export const remoteImportBody = z.object({
  type: z.literal('file'),
  name,
  filetype: filetype.nullish(),
  filesize: z.number().int().nonnegative().nullish(),
  source: z.object({ url: httpUrl }),
});

export const versionBody = z.object({ next_asset_id: z.string().min(1, 'next_asset_id is required') });

/** PUT /v2/assets/{id}: what the sandbox lets a client change (fioctl's `assets set`); other keys are ignored. */
export const updateAssetBody = z.object({ name: name.optional() });

export const faultsBody = z
  .object({
    seed: z.number().int().optional(),
    put503: z.number().min(0).max(1).optional(),
    put500: z.number().min(0).max(1).optional(),
    putReset: z.number().min(0).max(1).optional(),
    putSlow: z.number().min(0).max(1).optional(),
    slowBytesPerSec: z.number().positive().optional(),
    api429: z.number().min(0).max(1).optional(),
    retryAfterS: z.number().nonnegative().optional(),
    expireUrls: z.number().min(0).max(1).optional(),
  })
  .strict();

/** The first issue as one readable sentence for the 422 detail. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request body';
  const path = issue.path.join('.');
  return issue.code === 'custom' || issue.message.includes(path) || path === '' ? issue.message : `${path}: ${issue.message}`;
}
