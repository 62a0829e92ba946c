// What a queue row says about its state, in words a person can act on.
import type { UploadRow } from '../../../shared/ipc/schemas';

export type Tone = 'accent' | 'warning' | 'danger' | 'success' | 'muted';

export function rowStatus(row: UploadRow): { text: string; tone: Tone } {
  const retrying = row.retries > 0 ? ` · retried ${row.retries}×` : '';
  switch (row.status) {
    case 'queued': return { text: 'Waiting', tone: 'muted' };
    case 'creating': return { text: 'Preparing', tone: 'muted' };
    case 'uploading':
      // Created in Frame.io, but its parts are still waiting for a free connection.
      if (row.sentBytes === 0 && row.acknowledgedBytes === 0) return { text: 'Waiting', tone: 'muted' };
      return { text: `Uploading${retrying}`, tone: row.retries > 0 ? 'warning' : 'accent' };
    case 'paused': return { text: 'Paused', tone: 'muted' };
    case 'offline': return { text: 'Network lost — waiting to reconnect', tone: 'warning' };
    case 'confirming': return { text: 'Verifying', tone: 'accent' };
    case 'completed': return { text: 'Done', tone: 'success' };
    case 'skipped': return { text: 'Skipped — already in Frame.io', tone: 'muted' };
    case 'canceled': return { text: 'Canceled', tone: 'muted' };
    case 'failed': return { text: humanError(row.error), tone: 'danger' };
  }
}

/** The first sentence of an error, without the machinery around it (the full text stays behind "Details"). */
export function humanError(error: string | null): string {
  if (!error) return 'Failed';
  if (/changed while|was modified|changed since/i.test(error)) return 'File changed while uploading — retry from the start?';
  if (/ENOENT|no such file/i.test(error)) return 'The file is gone from disk — put it back and retry';
  if (/EACCES|EPERM|permission denied/i.test(error)) return 'Ferry is not allowed to read this file';
  if (/\b401\b|unauthori[sz]ed|(invalid|expired|revoked|rejected)[^.]*\btoken\b|\btoken\b[^.]*(invalid|expired|revoked|rejected)/i.test(error)) return 'Frame.io no longer accepts the token — sign in again, then retry';
  if (/expired/i.test(error)) return 'The upload link expired — retry to get a new one';
  const first = error.split(/(?<=[.!?])\s|\n/)[0] ?? error;
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}
