// Journal records for tests that need a batch on paper.
import { type BatchRecord, JOURNAL_VERSION } from '../../src/core/upload/journal';

export const batchRecord = (id: string, files: BatchRecord['files'] = []): BatchRecord => ({
  version: JOURNAL_VERSION,
  id,
  apiUrl: 'http://127.0.0.1:1/v2',
  apiVersion: 'v2',
  accountId: null,
  targetFolderId: 'root',
  onConflict: 'skip',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  folders: {},
  files,
});
