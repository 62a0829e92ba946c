// Runs the upload engine in-process for tests that need to watch or steer it closely.
import type { FrameioClient } from '../../src/core/frameio/types';
import { type BatchReport, type EngineOptions, UploadEngine } from '../../src/core/upload/engine';
import type { FileState } from '../../src/core/upload/file-state';
import type { ConflictPolicy } from '../../src/core/upload/journal';
import type { ScanResult } from '../../src/core/upload/scan';

export interface RunOptions extends Partial<Omit<EngineOptions, 'client'>> {
  client: FrameioClient;
  targetFolderId: string;
  onConflict?: ConflictPolicy;
  onChange?: (file: FileState, engine: UploadEngine) => void;
}

export async function runUpload(scan: ScanResult, options: RunOptions): Promise<BatchReport> {
  const { client, targetFolderId, onConflict, onChange, ...rest } = options;
  const engine = new UploadEngine({ client, apiUrl: 'test', journalDir: null, ...rest });
  if (onChange) engine.on((event) => event.type === 'state' && onChange(event.file, engine));
  return engine.upload({ scan, targetFolderId, ...(onConflict ? { onConflict } : {}) });
}
