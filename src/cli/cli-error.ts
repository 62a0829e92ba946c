// Errors the CLI prints as one clear line (never a stack trace), with the exit code they deserve.
import { FrameioError } from '../core/frameio/errors';
import { printable } from './format';

export class CliError extends Error {
  override readonly name = 'CliError';
  /** More for a --json failure to carry, e.g. { problems: [...] } (the person's stderr line has them already). */
  readonly details: Record<string, unknown>;
  constructor(message: string, readonly exitCode = 1, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options);
    this.details = options?.details ?? {};
  }
}

/** A CliError saying what went wrong, keeping the error it explains as its cause (a 401 gets advice later). */
export const failure = (error: unknown, context?: string): CliError => (error instanceof CliError ? error : new CliError(explain(error, context), 1, { cause: error }));

/** The FrameioError 401 behind `error` (itself or the cause it explains), if that is what it is. */
export function unauthorizedBehind(error: unknown): FrameioError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof FrameioError && e.kind === 'unauthorized') return e;
  }
  return null;
}

/** One line a person can act on. `context` names what was being looked up, e.g. "asset 1234". */
export function explain(error: unknown, context?: string): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof FrameioError) {
    switch (error.kind) {
      case 'unauthorized':
        return `Frame.io rejected the token (401: ${error.message}). Check --token or FRAMEIO_TOKEN.`;
      case 'forbidden':
        return `Frame.io refused access${context ? ` to ${context}` : ''} (403: ${error.message}). The token may lack a scope.`;
      case 'not_found':
        return `${context ? `No ${context}` : 'Not found'} (404: ${error.message}).`;
      case 'network':
        return error.message;
      case 'rate_limited':
        return `Frame.io kept asking us to slow down (429: ${error.message}). Try again in a minute.`;
      default:
        return `Frame.io error${error.status ? ` ${error.status}` : ''}: ${error.message}`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** What to do about a 401, knowing which API rejected the token and whether the other version takes it. */
export function tokenAdvice(error: FrameioError, apiUrl: string, on: 'v2' | 'v4', otherWorks: boolean, otherUrl: string): string {
  const rejected = `Frame.io rejected the token (401: ${printable(error.message)}) on the ${on.toUpperCase()} API at ${apiUrl}.`;
  if (otherWorks) {
    return on === 'v4'
      ? `${rejected} The token works on the legacy V2 API: your account has not moved to V4, so use --api ${otherUrl} (or FRAMEIO_API).`
      : `${rejected} The token works on the V4 API, where accounts migrated to Adobe live: use --api ${otherUrl} (or leave --api out).`;
  }
  if (/Adobe ID/.test(error.message)) return rejected; // the V4 client's message says what to do already
  if (on === 'v4') {
    return `${rejected} V4 takes an access token from signing in with Adobe, or a developer token (fio-u-…) of an account that is not managed in the Adobe Admin Console; get one at developer.frame.io and pass it with --token or FRAMEIO_TOKEN.`;
  }
  return `${rejected} Check --token or FRAMEIO_TOKEN: a V2 developer token comes from developer.frame.io.`;
}
