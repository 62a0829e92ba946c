import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendS3Error } from './s3-xml.js';

/** How long S3 waits for the next body byte before answering 400 RequestTimeout. */
export const BODY_IDLE_TIMEOUT_MS = 20_000;

export const REQUEST_TIMEOUT_MESSAGE =
  'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.';

export interface BodyIdleWatch {
  /** Call for every body chunk read: the client is not idle. */
  touch(): void;
  stop(): void;
}

/**
 * A body shorter than its Content-Length would otherwise keep the request open forever. Like S3, answer
 * 400 RequestTimeout after `ms` without body bytes and close the connection; the reader then fails and
 * discards what it got. The reader calls touch() per chunk (a 'data' listener of our own
 * would switch the request into flowing mode before the reader is attached, losing bytes).
 */
export function watchBodyIdle(req: IncomingMessage, res: ServerResponse, ms: number, resource: string): BodyIdleWatch {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
  };
  const touch = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  const fire = (): void => {
    // Bytes waiting in our buffer mean *we* are the slow side (throttling, back-pressure), not the client.
    if (req.readableLength > 0) {
      touch();
      return;
    }
    stop();
    // Once answered, the server detaches the request from its socket, so the reader would never hear of
    // the connection closing: end the request ourselves, which fails the reader and discards its bytes.
    res.once('finish', () => req.destroy());
    res.setHeader('connection', 'close');
    sendS3Error(res, 400, 'RequestTimeout', REQUEST_TIMEOUT_MESSAGE, resource);
  };
  req.once('end', stop);
  req.once('close', stop);
  res.once('finish', stop);
  touch();
  return { touch, stop };
}
