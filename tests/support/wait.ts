// Waiting on what a test is really waiting for — a condition, an event — instead of a fixed sleep.
import type { EngineEvent, UploadEngine } from '../../src/core/upload/engine';

const POLL_MS = 10;

/** Resolves once `condition()` is true (checked every 10 ms); fails after `timeoutMs` naming `what`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The first engine event matching `match` from now on. */
export function nextEvent<T extends EngineEvent>(engine: UploadEngine, match: (event: EngineEvent) => event is T, timeoutMs?: number): Promise<T>;
export function nextEvent(engine: UploadEngine, match: (event: EngineEvent) => boolean, timeoutMs?: number): Promise<EngineEvent>;
export function nextEvent(engine: UploadEngine, match: (event: EngineEvent) => boolean, timeoutMs = 30_000): Promise<EngineEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for an engine event`));
    }, timeoutMs);
    const off = engine.on((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}
