// Dock progress, power-save and notifications follow the queue.
import { describe, expect, it, vi } from 'vitest';
import { OsIntegration } from '../../../src/main/os/os-integration';
import { summarizeQueue } from '../../../src/main/os/queue-summary';
import type { UploadRow } from '../../../src/shared/ipc/schemas';

const row = (id: number, status: UploadRow['status'], size: number, sent: number, batchId = 'b1'): UploadRow => ({
  id, batchId, name: `f${id}.mov`, destination: 'Day 1/Cam A', size, sentBytes: sent, acknowledgedBytes: sent,
  bytesPerSecond: 0, etaSeconds: null, status, retries: 0, assetId: null, error: status === 'failed' ? 'boom' : null,
});

describe('summarizeQueue', () => {
  it('hides the bar when nothing is open', () => {
    expect(summarizeQueue([])).toEqual({ fraction: -1, mode: 'none', bytesMoving: false });
    expect(summarizeQueue([row(1, 'completed', 10, 10)])).toEqual({ fraction: -1, mode: 'none', bytesMoving: false });
  });

  it('shows progress over the running batches, finished files included, and paused and error modes', () => {
    // (25 + 0 + 50) of (100 + 100 + 50); a finished earlier batch does not count.
    expect(summarizeQueue([row(1, 'uploading', 100, 25), row(2, 'queued', 100, 0), row(3, 'completed', 50, 50), row(4, 'completed', 999, 999, 'b0')])).toEqual({ fraction: 0.3, mode: 'normal', bytesMoving: true });
    expect(summarizeQueue([row(1, 'paused', 100, 50)])).toMatchObject({ mode: 'paused', bytesMoving: false });
    expect(summarizeQueue([row(1, 'offline', 100, 50)])).toMatchObject({ mode: 'paused' });
    expect(summarizeQueue([row(1, 'uploading', 100, 50), row(2, 'failed', 100, 0)])).toMatchObject({ mode: 'error' });
  });
});

it('never runs backwards when a file finishes (four 50 GB clips)', () => {
  const GB = 1e9;
  const at = summarizeQueue([row(1, 'uploading', 50 * GB, 49 * GB), row(2, 'uploading', 50 * GB, 1 * GB), row(3, 'queued', 50 * GB, 0), row(4, 'queued', 50 * GB, 0)]).fraction;
  const after = summarizeQueue([row(1, 'completed', 50 * GB, 50 * GB), row(2, 'uploading', 50 * GB, 1 * GB), row(3, 'queued', 50 * GB, 0), row(4, 'queued', 50 * GB, 0)]).fraction;
  expect(after).toBeGreaterThan(at);
});

describe('OsIntegration', () => {
  function setup() {
    const window = { setProgressBar: vi.fn(), show: vi.fn(), focus: vi.fn() };
    const powerSaveBlocker = { start: vi.fn(() => 7), stop: vi.fn(), isStarted: vi.fn() };
    const notifications: Array<{ options: { title: string; body: string }; click?: () => void; show: ReturnType<typeof vi.fn> }> = [];
    const notify = (options: { title: string; body: string }) => {
      const n = { options, show: vi.fn(), click: undefined as (() => void) | undefined, on: (_e: string, cb: () => void) => void (n.click = cb) };
      notifications.push(n);
      return n as never;
    };
    return { os: new OsIntegration({ window, powerSaveBlocker, notify }), window, powerSaveBlocker, notifications };
  }

  it('keeps the machine awake only while bytes move', () => {
    const { os, powerSaveBlocker } = setup();
    os.update([row(1, 'uploading', 10, 1)]);
    os.update([row(1, 'uploading', 10, 5)]);
    expect(powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    os.update([row(1, 'paused', 10, 5)]);
    expect(powerSaveBlocker.stop).toHaveBeenCalledWith(7);
  });

  it('sets the dock/taskbar progress with its mode', () => {
    const { os, window } = setup();
    os.update([row(1, 'uploading', 100, 40)]);
    expect(window.setProgressBar).toHaveBeenLastCalledWith(0.4, { mode: 'normal' });
    os.update([row(1, 'completed', 100, 100)]);
    expect(window.setProgressBar).toHaveBeenLastCalledWith(-1, { mode: 'none' });
  });

  it('notifies once per finished batch, and a click shows the window', () => {
    const { os, window, notifications } = setup();
    os.update([row(1, 'uploading', 10, 5), row(2, 'completed', 10, 10)]);
    expect(notifications).toHaveLength(0);
    const done = [row(1, 'completed', 10, 10), row(2, 'completed', 10, 10), row(3, 'failed', 10, 0, 'b2')];
    os.update(done);
    os.update(done);
    expect(notifications.map((n) => n.options)).toEqual([
      { title: 'Upload finished', body: '2 files uploaded to Day 1.' },
      { title: 'Upload finished with problems', body: '0 of 1 files uploaded to Day 1; 1 failed — open Ferry to retry.' },
    ]);
    notifications[0]?.click?.();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});
