// When the sign-in itself has to be done again (the refresh token was revoked, or Adobe gave none), the uploads do
// not fail: the files on the move are paused — their place kept, nothing sent meanwhile — while the person signs in,
// and resumed once a new credential is there. If they do not sign in, the files stay paused (and journaled) for later.
// A file being confirmed is left alone: it sends no more bytes, its confirmation call waits for the new token like
// every API call, and pausing it would send it back to uploading when resumed while that call is still out.
import type { UploadEngine } from '../upload/engine';
import { MOVING_STATUSES } from '../../shared/upload-status';

export function pausingWhileSigningIn<T>(engine: UploadEngine, ask: (reason: string) => Promise<T | null>): (reason: string) => Promise<T | null> {
  return async (reason) => {
    const held = engine.files.filter((f) => MOVING_STATUSES.has(f.status) && f.status !== 'confirming').map((f) => f.id);
    engine.pause(held);
    const answer = await ask(reason);
    if (answer !== null) engine.resume(held);
    return answer;
  };
}
