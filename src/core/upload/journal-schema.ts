// The journal's schema (decision 0011: every boundary is read through one): a batch's header and its files' records,
// and the upgrade of version 1 journals. Shared by the writer (journal.ts) and the reader (journal-read.ts).
import { z } from 'zod';
import { UPLOAD_STATUSES } from '../../shared/upload-status';

/** 2: each file carries its own intent (onConflict, conflictResolved), the batch its API version and account.
 * Version 1 files are read and upgraded. */
export const JOURNAL_VERSION = 2;

const conflictPolicy = z.enum(['skip', 'rename', 'version']);
const part = z.object({ url: z.string(), size: z.number().int().nonnegative() });

export const fileRecord = z.object({
  id: z.number().int().nonnegative(),
  path: z.string().min(1),
  remoteDir: z.string(),
  name: z.string().min(1),
  remoteName: z.string().min(1),
  size: z.number().int().positive(),
  mtimeMs: z.number(),
  status: z.enum(UPLOAD_STATUSES),
  versionOf: z.string().nullable(),
  onConflict: conflictPolicy.optional(),
  conflictResolved: z.boolean().optional(),
  assetId: z.string().nullable(),
  contentType: z.string().nullable(),
  parts: z.array(part).nullable(),
  urlsExpireAt: z.number().nullable(),
  partsDone: z.array(z.number().int().nonnegative()),
  retries: z.number().int().nonnegative(),
  xxHash: z.string().nullable(),
  error: z.string().nullable(),
});

const batchRecord = z.object({
  version: z.union([z.literal(1), z.literal(JOURNAL_VERSION)]),
  id: z.string().min(1),
  apiUrl: z.string().min(1),
  /** Which client resumes it (V4 also needs the account every URL names). */
  apiVersion: z.enum(['v2', 'v4']).optional(),
  accountId: z.string().nullable().optional(),
  targetFolderId: z.string().min(1),
  onConflict: conflictPolicy,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Remote folder path → folder id, for folders already created or reused. */
  folders: z.record(z.string(), z.string()),
  files: z.array(fileRecord),
  /** Names the log (journal-log.ts) that continues this snapshot; absent in journals written before the log. */
  logId: z.string().optional(),
});

export type JournalFileRecord = Required<z.infer<typeof fileRecord>>;
export type BatchRecord = Omit<z.infer<typeof batchRecord>, 'version' | 'files' | 'apiVersion' | 'accountId' | 'logId'> & {
  version: typeof JOURNAL_VERSION;
  apiVersion: 'v2' | 'v4';
  accountId: string | null;
  files: JournalFileRecord[];
};

/** The batch without its files (a snapshot's first line, a log's header entry). */
export const batchHeader = batchRecord.omit({ files: true });

/** A file's record as the schema checked it (version 1 fields still optional). */
export type ParsedFile = z.infer<typeof fileRecord>;

/** The batch from its checked header and files, the files upgraded in place (never copied): version 1 kept the
 * conflict policy per batch and resumed every file as already decided. */
export function batchFrom(header: z.infer<typeof batchHeader>, files: ParsedFile[]): BatchRecord {
  const { logId: _logId, ...batch } = header;
  for (const file of files) {
    file.onConflict ??= batch.onConflict;
    file.conflictResolved ??= true;
  }
  return { ...batch, version: JOURNAL_VERSION, apiVersion: batch.apiVersion ?? 'v2', accountId: batch.accountId ?? null, files: files as JournalFileRecord[] };
}

/** A journal file's contents as a batch, or null when it is not one (damaged, hand-edited, from a newer Ferry). */
export function parseBatchRecord(value: unknown): BatchRecord | null {
  const parsed = batchRecord.safeParse(value);
  if (!parsed.success) return null;
  const { files, ...header } = parsed.data;
  return batchFrom(header, files);
}
