// One PUT of one byte range to one pre-signed URL, with the exact headers the URL was signed for
// (frameio-api.md "Upload mechanics" 3): Content-Type = the asset's type, x-amz-acl: private, an exact
// Content-Length (S3 rejects chunked bodies) and no Authorization header. No retry in here: the caller decides.
// Plain node:http rather than got: this is the hot path (every byte goes through it), and measured on 1 GiB the
// stream machinery around got cost more CPU than the copy itself (docs/benchmarks.md). The API client keeps got.
import http from 'node:http';
import https from 'node:https';
import { parseRetryAfterMs } from '../net/backoff';
import { PartUploadError } from './part-error';
import { pumpRange, SourceReadError } from './range-pump';
import { parseS3Error } from './s3-error';

/** No byte moving on the socket for this long → the part is stalled: the attempt fails (and is retried). */
export const PART_IDLE_TIMEOUT_MS = 60_000;
/** S3 error bodies are small XML documents; never buffer more than this of a response. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface PartPutRequest {
  url: string;
  contentType: string;
  /** The bytes to send: [start, end) of the file at `path`. */
  path: string;
  start: number;
  end: number;
  /** Sees every chunk as it is read (e.g. to hash a one-part file on the way). */
  onChunk?: (chunk: Uint8Array) => void;
  signal?: AbortSignal;
  /** Bytes of this attempt's body handed to the socket so far. */
  onProgress?: (sentBytes: number) => void;
  idleTimeoutMs?: number;
}

/** One PUT, no retry: injectable, so the engine runs in a test without a network. */
export type PartUploader = (request: PartPutRequest) => Promise<void>;

export const putPart: PartUploader = (request) => {
  const size = request.end - request.start;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let readError: Error | null = null;
    const finish = (error: PartUploadError | null) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    if (request.signal?.aborted) return finish(new PartUploadError({ kind: 'aborted' }));

    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: 'PUT',
      agent: agents[url.protocol as 'http:' | 'https:'],
      headers: {
        'content-type': request.contentType,
        'content-length': String(size),
        'x-amz-acl': 'private',
        'user-agent': 'ferry/0.1',
      },
      ...(request.signal ? { signal: request.signal } : {}),
    });
    req.setTimeout(request.idleTimeoutMs ?? PART_IDLE_TIMEOUT_MS, () => {
      req.destroy(Object.assign(new Error(`no progress for ${Math.round((request.idleTimeoutMs ?? PART_IDLE_TIMEOUT_MS) / 1000)} s`), { code: 'ETIMEDOUT' }));
    });

    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < MAX_ERROR_BODY_BYTES) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('error', () => undefined);
      res.on('end', () => {
        if (status >= 200 && status < 300) return finish(null);
        const info = parseS3Error(Buffer.concat(chunks).toString('utf8'), res.headers);
        const retryAfterMs = parseRetryAfterMs(res.headers['retry-after']);
        finish(new PartUploadError({ kind: 'http', status, s3Code: info.code, message: info.message, requestId: info.requestId, retryAfterMs }));
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (request.signal?.aborted) return finish(new PartUploadError({ kind: 'aborted' }));
      // A read error of the local file (vanished, permission, I/O) is not a network problem: retrying cannot help.
      if (readError) return finish(new PartUploadError({ kind: 'source', message: readError.message }));
      finish(new PartUploadError({ kind: 'network', code: error.code ?? null, message: error.message }));
    });

    let sent = 0;
    const report = request.onProgress;
    const target = {
      write: (chunk: Uint8Array, done: (error?: Error | null) => void) =>
        req.write(chunk, (error) => {
          if (!error) {
            sent += chunk.length;
            report?.(Math.min(sent, size));
          }
          done(error ?? null);
        }),
    };
    pumpRange(request.path, request.start, request.end, target, request.onChunk ?? (() => {}), request.signal).then(
      () => req.end(),
      (error: Error) => {
        if (error instanceof SourceReadError) readError = error;
        req.destroy(error);
      },
    );
  });
};
