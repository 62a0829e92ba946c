// The live state of one file in a batch: what the CLI prints and, later, what the UI's rows show.
import type { FileProgress } from './file-progress';

export type FileStatus = 'queued' | 'creating' | 'uploading' | 'confirming' | 'completed' | 'failed';

export interface FileState {
  id: number;
  path: string;
  /** Remote folder path relative to the upload target ('' = the target itself). */
  remoteDir: string;
  name: string;
  size: number;
  mtimeMs: number;
  status: FileStatus;
  assetId: string | null;
  progress: FileProgress;
  /** Part attempts that failed and were tried again, plus asset re-creations. */
  retries: number;
  error: string | null;
}
