import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FaultController } from '../faults.js';
import type { InFlight } from '../util/in-flight.js';
import { watchBodyIdle, type BodyIdleWatch } from './body-idle.js';
import type { LocalPartStore } from './local-part-store.js';
import { parsePartKey } from './part-store.js';
import { sendS3Error } from './s3-xml.js';
import { throttle } from './throttle.js';
import type { PresignedVerifier } from './verify-presigned.js';

export interface LocalStorageDeps {
  store: LocalPartStore;
  verifier: PresignedVerifier;
  faults: FaultController;
  /** Called after a part was stored; local mode checks completion here. */
  onPartStored: (assetId: string, partNumber: number) => Promise<void>;
  log: (line: string) => void;
  /** Body idleness after which a PUT is answered 400 RequestTimeout (BODY_IDLE_TIMEOUT_MS outside tests). */
  bodyIdleTimeoutMs: number;
  /** close() waits for these: a handler outlives its socket while it records a stored part. */
  inFlight: InFlight;
  /** The byte length a part may have; undefined when its file is gone (deleted) or has no such part. */
  partSize: (assetId: string, partNumber: number) => number | undefined;
  /** The stored asset's own id string, so counters kept per file share it instead of a copy (undefined: gone). */
  storedId: (assetId: string) => string | undefined;
}

/** The S3 endpoint of local mode: accepts presigned PutObject of part keys, nothing else. */
export function createLocalStorageServer(deps: LocalStorageDeps): Server {
  return createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => deps.log(`storage ${req.method} ${redact(req.url ?? '')} ${res.statusCode} ${Date.now() - started}ms`));
    const work = handle(deps, req, res).catch((err: unknown) => {
      deps.log(`storage error: ${String(err)}`);
      sendS3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
    });
    deps.inFlight.add(work);
  });
}

async function handle(deps: LocalStorageDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
  if (req.method !== 'PUT') {
    sendS3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', path);
    return;
  }
  deps.faults.recordPartAttempt();
  const slash = path.indexOf('/', 1);
  const bucket = slash === -1 ? path.slice(1) : path.slice(1, slash);
  if (bucket !== deps.store.bucket) {
    sendS3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', path);
    return;
  }
  const failure = await deps.verifier.verify({ method: 'PUT', path, query, headers: req.headers, now: new Date() });
  if (failure) {
    sendS3Error(res, failure.status, failure.code, failure.message, path);
    return;
  }
  const part = parsePartKey(decodeURIComponent(path.slice(slash + 1)));
  if (!part) {
    sendS3Error(res, 403, 'AccessDenied', 'Access Denied', path);
    return;
  }
  const lengthHeader = req.headers['content-length'];
  if (lengthHeader === undefined || req.headers['transfer-encoding'] !== undefined) {
    sendS3Error(res, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.', path);
    return;
  }
  const length = Number(lengthHeader);
  if (refused(deps, res, part, length, path)) return;
  const decision = deps.faults.decidePart();
  if (decision.fault === 'expireUrls') {
    sendS3Error(res, 403, 'AccessDenied', 'Request has expired', path);
    return;
  }
  if (decision.fault === 'putReset') {
    await resetMidBody(req, length);
    return;
  }
  const idle = watchBodyIdle(req, res, deps.bodyIdleTimeoutMs, path);
  try {
    switch (decision.fault) {
      case 'put500':
        await drain(req, idle);
        sendS3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.', path);
        return;
      case 'put503':
        await drain(req, idle);
        sendS3Error(res, 503, 'SlowDown', 'Please reduce your request rate.', path);
        return;
      case undefined:
        break;
    }
    const stored = await receive(deps.store, req, part, length, decision.slowBytesPerSec, idle);
    // Body short of Content-Length (answered by the idle watch) or connection gone: nothing stored.
    if (!stored) return;
    await recordStored(deps, res, part, stored.md5);
  } finally {
    idle.stop();
  }
}

/**
 * Nothing is kept for a part bigger than the part the server planned (S3's EntityTooLarge, answered before the body
 * is read; Node discards the body) or for a file that was deleted: its URL still verifies until it expires.
 */
function refused(deps: LocalStorageDeps, res: ServerResponse, part: { assetId: string; partNumber: number }, length: number, path: string): boolean {
  const allowed = deps.partSize(part.assetId, part.partNumber);
  if (allowed === undefined) {
    sendS3Error(res, 403, 'AccessDenied', 'Access Denied', path);
    return true;
  }
  if (length <= allowed) return false;
  const sizes = { ProposedSize: String(length), MaxSizeAllowed: String(allowed) };
  sendS3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', path, sizes);
  return true;
}

async function recordStored(deps: LocalStorageDeps, res: ServerResponse, part: { assetId: string; partNumber: number }, md5: string): Promise<void> {
  deps.faults.recordPartPut(deps.storedId(part.assetId) ?? part.assetId, part.partNumber);
  await deps.onPartStored(part.assetId, part.partNumber);
  res.writeHead(200, { etag: `"${md5}"`, 'content-length': 0 });
  res.end();
}

/** Streams the body to a temp file and renames it into place only when exactly `length` bytes arrived. */
async function receive(
  store: LocalPartStore,
  req: IncomingMessage,
  { assetId, partNumber }: { assetId: string; partNumber: number },
  length: number,
  slowBytesPerSec: number | undefined,
  idle: BodyIdleWatch,
): Promise<{ md5: string } | undefined> {
  const tmp = await store.tempPath(assetId);
  const md5 = createHash('md5');
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      idle.touch();
      md5.update(chunk);
      done(null, chunk);
    },
  });
  // The meter sits before the throttle so body idleness is measured on the client, not on our slowness.
  const stages = slowBytesPerSec ? [req, meter, throttle(slowBytesPerSec)] : [req, meter];
  try {
    await pipeline([...stages, createWriteStream(tmp, { mode: 0o600 })]);
  } catch {
    await rm(tmp, { force: true });
    return undefined;
  }
  if (received !== length || !req.complete) {
    await rm(tmp, { force: true });
    return undefined;
  }
  await store.commit(tmp, assetId, partNumber);
  return { md5: md5.digest('hex') };
}

async function drain(req: IncomingMessage, idle: BodyIdleWatch): Promise<void> {
  try {
    for await (const _chunk of req) {
      idle.touch(); // and discard
    }
  } catch {
    // the client went away: nothing to answer
  }
}

/** Reads about half the body, then drops the TCP connection without answering (fault `putReset`). */
async function resetMidBody(req: IncomingMessage, length: number): Promise<void> {
  const socket = req.socket;
  await new Promise<void>((resolve) => {
    let seen = 0;
    const cut = (): void => {
      socket.destroy();
      resolve();
    };
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen >= length / 2) cut();
    });
    req.on('end', cut);
    req.on('error', cut);
  });
}

function redact(url: string): string {
  return url.replace(/(X-Amz-Signature=)[^&]+/i, '$1[redacted]');
}
