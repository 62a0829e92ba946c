// One PUT of one byte range to one pre-signed URL, with the exact headers the URL was signed for
// (frameio-api.md "Upload mechanics" 3): Content-Type = the asset's type, x-amz-acl: private, an exact
// Content-Length (S3 rejects chunked bodies) and no Authorization header. No retry in here: the caller decides.
import http from 'node:http';
import https from 'node:https';
import got, { RequestError } from 'got';
import { PartUploadError } from './part-error';
import { parseS3Error } from './s3-error';

/** No byte acknowledged for this long → the socket is considered stalled and the attempt fails (then retried). */
export const PART_IDLE_TIMEOUT_MS = 60_000;

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

const s3 = got.extend({
  retry: { limit: 0 },
  throwHttpErrors: false,
  responseType: 'text',
  agent: agents,
  headers: { 'user-agent': 'ferry/0.1' },
});

export interface PartPutRequest {
  url: string;
  contentType: string;
  size: number;
  body: NodeJS.ReadableStream;
  signal?: AbortSignal;
  /** Bytes of this attempt's body sent so far. */
  onProgress?: (sentBytes: number) => void;
  idleTimeoutMs?: number;
}

export async function putPart(request: PartPutRequest): Promise<void> {
  const body = request.body as NodeJS.ReadableStream & { destroy?: () => void };
  // A read error of the local file (vanished, permission, I/O) is not a network problem: retrying cannot help.
  let readError: Error | null = null;
  body.once('error', (error: Error) => {
    readError = error;
  });
  try {
    const promise = s3.put(request.url, {
      body: body as never,
      headers: {
        'content-type': request.contentType,
        'content-length': String(request.size),
        'x-amz-acl': 'private',
      },
      timeout: { socket: request.idleTimeoutMs ?? PART_IDLE_TIMEOUT_MS },
      ...(request.signal ? { signal: request.signal } : {}),
    });
    if (request.onProgress) {
      const report = request.onProgress;
      promise.on('uploadProgress', (p) => report(Math.min(p.transferred, request.size)));
    }
    const response = await promise;
    if (response.statusCode >= 300) {
      const info = parseS3Error(response.body, response.headers);
      throw new PartUploadError({ kind: 'http', status: response.statusCode, s3Code: info.code, message: info.message, requestId: info.requestId });
    }
  } catch (error) {
    if (error instanceof PartUploadError) throw error;
    if (request.signal?.aborted) throw new PartUploadError({ kind: 'aborted' });
    if (readError) throw new PartUploadError({ kind: 'source', message: `cannot read the file: ${(readError as Error).message}` });
    const code = error instanceof RequestError ? (error.code ?? null) : null;
    throw new PartUploadError({ kind: 'network', code, message: (error as Error).message });
  } finally {
    body.destroy?.();
  }
}
