import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through at about `bytesPerSec`, so a client sees a slow S3 (fault `putSlow`). */
export function throttle(bytesPerSec: number): Transform {
  const started = Date.now();
  let passed = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      passed += chunk.length;
      const dueMs = (passed / bytesPerSec) * 1000 - (Date.now() - started);
      setTimeout(() => done(null, chunk), Math.max(0, dueMs));
    },
  });
}
