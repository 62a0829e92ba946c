// The quit guard with a fake app that behaves like Electron's (quit() emits before-quit; the process exits unless a
// listener prevents it), a fake backend whose close() the test finishes, and a scripted dialog.
import { EventEmitter } from 'node:events';
import type { MessageBoxOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_TIMEOUT_MS, installQuitGuard, KEEP_UPLOADING, QUIT_ANYWAY } from '../../../src/main/window/quit-guard';

afterEach(() => vi.useRealTimers());

function setup(active: number, answers: number[] = []) {
  const emitter = new EventEmitter();
  const app = {
    exited: false,
    on: (event: string, listener: (event: { preventDefault(): void }) => void) => emitter.on(event, listener),
    quit() {
      let prevented = false;
      emitter.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.exited = true;
    },
  };
  let finishClose: () => void = () => {};
  let failClose: (error: Error) => void = () => {};
  const backend = {
    activeUploadCount: vi.fn(() => active),
    close: vi.fn(() => new Promise<void>((resolve, reject) => ((finishClose = resolve), (failClose = reject)))),
  };
  const prompts: MessageBoxOptions[] = [];
  let answer: (response: number) => void = () => {};
  const ask = vi.fn((options: MessageBoxOptions) => {
    prompts.push(options);
    const scripted = answers.shift();
    return scripted === undefined ? new Promise<{ response: number }>((resolve) => (answer = (response) => resolve({ response }))) : Promise.resolve({ response: scripted });
  });
  const beforeClose = vi.fn();
  const onKeepUploading = vi.fn();
  installQuitGuard({ app: app as never, backend, ask, beforeClose, onKeepUploading });
  const flush = () => new Promise((resolve) => setImmediate(resolve)); // let the guard's promise steps run
  return { app, backend, prompts, ask, beforeClose, onKeepUploading, flush, finishClose: () => finishClose(), failClose: (e: Error) => failClose(e), answer: (r: number) => answer(r) };
}

describe('installQuitGuard', () => {
  it('with nothing uploading: no prompt, but the backend finishes closing before the process exits', async () => {
    const h = setup(0);
    h.app.quit();
    await h.flush();
    expect(h.ask).not.toHaveBeenCalled();
    expect(h.beforeClose).toHaveBeenCalledTimes(1);
    expect(h.backend.close).toHaveBeenCalledTimes(1);
    expect(h.app.exited).toBe(false); // still flushing the journal
    h.finishClose();
    await h.flush();
    expect(h.app.exited).toBe(true);
    expect(h.backend.close).toHaveBeenCalledTimes(1);
  });

  it('with uploads in progress, asks; "Keep Uploading" keeps everything running', async () => {
    const h = setup(2, [KEEP_UPLOADING]);
    h.app.quit();
    await h.flush();
    expect(h.prompts).toEqual([
      expect.objectContaining({
        message: '2 uploads are still in progress. Quit anyway?',
        detail: 'They will resume the next time you open Ferry.',
        buttons: ['Keep Uploading', 'Quit'],
        defaultId: KEEP_UPLOADING,
        cancelId: KEEP_UPLOADING,
      }),
    ]);
    expect(h.backend.close).not.toHaveBeenCalled();
    expect(h.beforeClose).not.toHaveBeenCalled();
    expect(h.onKeepUploading).toHaveBeenCalledTimes(1); // the window comes back if closing it was what quit
    expect(h.app.exited).toBe(false);
  });

  it('"Quit" closes the backend, then quits for real', async () => {
    const h = setup(1, [QUIT_ANYWAY]);
    h.app.quit();
    await h.flush();
    expect(h.prompts[0]?.message).toBe('1 upload is still in progress. Quit anyway?');
    expect(h.backend.close).toHaveBeenCalledTimes(1);
    expect(h.app.exited).toBe(false);
    h.finishClose();
    await h.flush();
    expect(h.app.exited).toBe(true);
  });

  it('asks once however often quit is pressed, and asks again after "Keep Uploading"', async () => {
    const h = setup(3);
    h.app.quit();
    h.app.quit();
    await h.flush();
    expect(h.ask).toHaveBeenCalledTimes(1);
    h.answer(KEEP_UPLOADING);
    await h.flush();
    h.app.quit();
    await h.flush();
    expect(h.ask).toHaveBeenCalledTimes(2);
    h.answer(QUIT_ANYWAY);
    await h.flush();
    h.app.quit(); // pressed again while closing: still one close
    await h.flush();
    expect(h.backend.close).toHaveBeenCalledTimes(1);
    h.finishClose();
    await h.flush();
    expect(h.app.exited).toBe(true);
  });

  it('quits anyway when closing fails', async () => {
    const h = setup(0);
    h.app.quit();
    await h.flush();
    h.failClose(new Error('disk full'));
    await h.flush();
    expect(h.app.exited).toBe(true);
  });

  it('quits anyway when closing hangs, after CLOSE_TIMEOUT_MS', async () => {
    vi.useFakeTimers();
    const h = setup(0);
    h.app.quit();
    await vi.advanceTimersByTimeAsync(CLOSE_TIMEOUT_MS - 1);
    expect(h.app.exited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.app.exited).toBe(true);
  });
});
