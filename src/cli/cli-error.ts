// Errors the CLI prints as one clear line (never a stack trace), with the exit code they deserve.
import { FrameioError } from '../core/frameio/errors';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
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
