// The handlers called the way the window calls them after a drop: the paths of a preflight or an upload were dropped
// on the window first, which the preload reports to main (DesktopBackend.grantDropped) — without that main refuses
// them (review finding 1; tests/integration/main/renderer-trust.test.ts shows the refusals).
import type { DesktopBackend } from '../../../src/main/backend/desktop-backend';
import { dispatch } from '../../../src/main/ipc/register-handlers';
import type { InvokeChannel, ResponseOf } from '../../../src/shared/ipc/contract';

export function dispatchDropped<C extends InvokeChannel>(backend: DesktopBackend, channel: C, payload: unknown): Promise<ResponseOf<C>> {
  const paths = (payload as { paths?: unknown } | null)?.paths;
  if ((channel === 'uploads:enqueue' || channel === 'uploads:preflight') && Array.isArray(paths)) backend.grantDropped(paths.filter((p): p is string => typeof p === 'string'));
  return dispatch(backend.handlers(), channel, payload);
}
