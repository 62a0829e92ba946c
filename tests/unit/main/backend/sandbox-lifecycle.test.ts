// The sandbox's life cycle: one at a time (it locks its data folder), started only when asked, and a close that
// does not wait for a sandbox still starting but makes sure it does not stay running.
import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_CLOSED, SandboxLifecycle, type SandboxHandle } from '../../../../src/main/backend/sandbox-lifecycle';

function scripted() {
  const log: string[] = [];
  const started: SandboxHandle[] = [];
  let gate: Promise<void> | null = null;
  const start = vi.fn(async (dataDir: string) => {
    log.push(`start ${dataDir}`);
    if (gate) await gate;
    const handle = { apiUrl: `http://127.0.0.1:${4000 + started.length}/v2`, token: 'demo', close: vi.fn(async () => void log.push('close')) };
    started.push(handle);
    return handle;
  });
  const hold = () => {
    let release = () => {};
    gate = new Promise((resolve) => (release = resolve));
    return () => {
      gate = null;
      release();
    };
  };
  return { log, started, start, hold, lifecycle: new SandboxLifecycle('/data/sandbox', async () => start) };
}

describe('sandbox life cycle', () => {
  it('starts one sandbox when asked, gives the same one while it runs, and closes it', async () => {
    const s = scripted();
    expect(s.start).not.toHaveBeenCalled();
    const [one, two] = await Promise.all([s.lifecycle.open(), s.lifecycle.open()]);
    expect(one).toBe(two);
    expect(await s.lifecycle.open()).toBe(one);
    await s.lifecycle.close(one);
    expect(s.log).toEqual(['start /data/sandbox', 'close']);
    await s.lifecycle.close(one); // closing twice is closing once
    expect(s.log).toEqual(['start /data/sandbox', 'close']);
  });

  it('a close naming another sandbox leaves the running one alone', async () => {
    const s = scripted();
    const running = await s.lifecycle.open();
    await s.lifecycle.close({ apiUrl: 'x', token: 'y', close: async () => {} });
    expect(running.close).not.toHaveBeenCalled();
  });

  it('a close while one is starting does not wait for it; the one that lands is closed at once', async () => {
    const s = scripted();
    const release = s.hold();
    const opening = s.lifecycle.open();
    await vi.waitFor(() => expect(s.start).toHaveBeenCalled());
    await s.lifecycle.close(); // resolves with the start still held
    release();
    await expect(opening).rejects.toThrow(SANDBOX_CLOSED);
    expect(s.started[0]?.close).toHaveBeenCalledTimes(1);
    expect(await s.lifecycle.open()).toBe(s.started[1]); // and the next open starts a fresh one
  });

  it('a close before the code is loaded means no sandbox is started at all', async () => {
    const s = scripted();
    const opening = s.lifecycle.open();
    await s.lifecycle.close();
    await expect(opening).rejects.toThrow(SANDBOX_CLOSED);
    expect(s.start).not.toHaveBeenCalled();
  });

  it('the next sandbox starts only once the previous one has let go of the data folder', async () => {
    const s = scripted();
    const first = await s.lifecycle.open();
    let finishClose = () => {};
    first.close = vi.fn(() => new Promise<void>((resolve) => (finishClose = () => (s.log.push('closed'), resolve()))));
    const closing = s.lifecycle.close(first);
    const next = s.lifecycle.open();
    await new Promise((resolve) => setImmediate(resolve)); // every pending step has had its turn
    expect(s.start).toHaveBeenCalledTimes(1);
    finishClose();
    await closing;
    await next;
    expect(s.log).toEqual(['start /data/sandbox', 'closed', 'start /data/sandbox']);
  });
});
