// What every part of a chaos run shares: the sandbox host, where things live, the current token, what each local file
// looked like (every version of its bytes), what the uploaders reported, and the tally of what was done to them.
import path from 'node:path';
import type { Hashes } from './data';
import type { SandboxHost } from './host-client';
import type { Drop } from './plan';

export interface LocalFile {
  drop: number;
  /** Absolute local path. */
  path: string;
  /** The remote path under the run's target folder ('drop …/dir/name', NFC). */
  remote: string;
  /** Every content the file had, oldest first (more than one when it was changed mid-upload). */
  versions: Hashes[];
  /** The last outcome an uploader reported, and its reason. */
  outcome: string | null;
  error: string | null;
}

/** Acts of the conductor, by kind (the sandbox counts its own faults). */
export type ActKind = 'cut' | 'stall' | 'rotate' | 'change' | 'kill' | 'cancel' | 'pause' | 'resume' | 'retry';

export class RunContext {
  readonly files = new Map<string, LocalFile>();
  readonly acts: Record<ActKind, number> = { cut: 0, stall: 0, rotate: 0, change: 0, kill: 0, cancel: 0, pause: 0, resume: 0, retry: 0 };
  /** Connections the network cuts dropped (each a failed part for some uploader). */
  connectionsCut = 0;
  /** Bytes of every file written for the run (first versions). */
  bytes = 0;

  constructor(
    readonly host: SandboxHost,
    readonly work: string,
    readonly targetFolderId: string,
    readonly log: (line: string) => void,
  ) {}

  apiUrl(api: Drop['api']): string {
    return api === 'v4' ? this.host.info.apiV4Url : this.host.info.apiUrl;
  }

  dataDir(drop: Drop): string {
    return path.join(this.work, 'data', drop.folder);
  }

  stateDir(drop: Drop): string {
    return path.join(this.work, 'state', String(drop.index));
  }

  /** Records what an uploader said about its files (the last word counts). */
  heard(reports: ReadonlyArray<{ path: string; outcome: string; error?: string }>): void {
    for (const r of reports) {
      const file = this.files.get(r.path);
      if (!file) continue;
      file.outcome = r.outcome;
      file.error = r.error ?? null;
    }
  }
}
