// What can go wrong with one part PUT, as data the retry policy can decide on.

export type PartFailure =
  | { kind: 'http'; status: number; s3Code: string | null; message: string | null; requestId: string | null; retryAfterMs?: number | null }
  | { kind: 'network'; code: string | null; message: string }
  | { kind: 'aborted' }
  /** The local file changed, vanished or could not be read: retrying the same bytes cannot help. */
  | { kind: 'source'; message: string };

export class PartUploadError extends Error {
  override readonly name = 'PartUploadError';
  constructor(readonly failure: PartFailure) {
    super(describePartFailure(failure));
  }
}

export function describePartFailure(f: PartFailure): string {
  switch (f.kind) {
    case 'http': {
      const what = [f.s3Code, f.message].filter(Boolean).join(': ') || `HTTP ${f.status}`;
      return `storage answered ${f.status} ${what}${f.requestId ? ` (RequestId ${f.requestId})` : ''}`;
    }
    case 'network':
      return `network error${f.code ? ` ${f.code}` : ''}: ${f.message}`;
    case 'aborted':
      return 'aborted';
    case 'source':
      return f.message;
  }
}
