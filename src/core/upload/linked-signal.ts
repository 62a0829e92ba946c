// One signal that aborts when any of several does, and lets go of them when done. AbortSignal.any keeps a WeakRef to
// every signal made from a long-lived one (the engine's), which Node 20 does not clear: two per file, so a 100,000-
// file batch left 200,000 behind (issue 14 §5). This one listens to its sources only until `dispose`.
import { setMaxListeners } from 'node:events';

export interface LinkedSignal {
  signal: AbortSignal;
  /** Stops listening to the sources (call it once the signal is no longer needed). */
  dispose(): void;
}

export function linkSignals(sources: ReadonlyArray<AbortSignal | undefined>): LinkedSignal {
  const controller = new AbortController();
  const present = sources.filter((s): s is AbortSignal => s !== undefined);
  const already = present.find((s) => s.aborted);
  if (already) {
    controller.abort(already.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  const onAbort = (event: Event) => {
    dispose();
    controller.abort((event.target as AbortSignal).reason);
  };
  const dispose = () => {
    for (const source of present) source.removeEventListener('abort', onAbort);
  };
  for (const source of present) source.addEventListener('abort', onAbort);
  // Every part PUT of a file listens on its signal; more than Node's default of 10 is expected, not a leak.
  setMaxListeners(0, controller.signal);
  return { signal: controller.signal, dispose };
}
