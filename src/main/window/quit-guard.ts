// Quitting while files upload asks first, and quitting always lets the backend finish closing before the process
// exits: uploads stop as interrupted and their journals get a final write, so they resume at the next launch.
// Electron does not wait for async work in 'before-quit', so the first quit is prevented, the work done, and
// app.quit() called again; the flag lets that second one through.
import type { App, MessageBoxOptions, MessageBoxReturnValue } from 'electron';

export const KEEP_UPLOADING = 0;
export const QUIT_ANYWAY = 1;
/** A request stuck somewhere must not keep Ferry from quitting. Giving up costs little: while uploading the journal is
 * written at least every 250 ms, so at most the parts acknowledged in that window are sent again next time. */
export const CLOSE_TIMEOUT_MS = 10_000;

export interface QuitGuardDeps {
  app: Pick<App, 'on' | 'quit'>;
  backend: { activeUploadCount(): number; close(): Promise<void> };
  /** dialog.showMessageBox, attached to the window when there is one. */
  ask: (options: MessageBoxOptions) => Promise<Pick<MessageBoxReturnValue, 'response'>>;
  /** Runs once, just before the backend closes (stop the OS watchers). */
  beforeClose?: () => void;
  /** After "Keep Uploading": on Windows and Linux the quit came from closing the last window, so bring one back. */
  onKeepUploading?: () => void;
  closeTimeoutMs?: number;
}

export function quitPrompt(count: number): MessageBoxOptions {
  return {
    type: 'question',
    message: count === 1 ? '1 upload is still in progress. Quit anyway?' : `${count} uploads are still in progress. Quit anyway?`,
    detail: 'They will resume the next time you open Ferry.',
    buttons: ['Keep Uploading', 'Quit'],
    defaultId: KEEP_UPLOADING,
    cancelId: KEEP_UPLOADING, // Escape, or closing the dialog, keeps uploading
    noLink: true,
  };
}

export function installQuitGuard({ app, backend, ask, beforeClose, onKeepUploading, closeTimeoutMs = CLOSE_TIMEOUT_MS }: QuitGuardDeps): void {
  let phase: 'running' | 'asking' | 'closing' | 'closed' = 'running';

  const closeThenQuit = async () => {
    phase = 'closing';
    beforeClose?.();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([backend.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, closeTimeoutMs)))]);
    } catch {
      // nothing more can be saved now; what the journal already holds still resumes next time
    } finally {
      clearTimeout(timer);
      phase = 'closed';
      app.quit();
    }
  };

  const decide = async () => {
    const count = backend.activeUploadCount();
    if (count > 0) {
      phase = 'asking';
      const { response } = await ask(quitPrompt(count)).catch(() => ({ response: KEEP_UPLOADING }));
      if (response !== QUIT_ANYWAY) {
        phase = 'running';
        onKeepUploading?.();
        return;
      }
    }
    await closeThenQuit();
  };

  app.on('before-quit', (event) => {
    if (phase === 'closed') return; // our own second app.quit(): let it through
    event.preventDefault();
    if (phase === 'running') void decide(); // Cmd-Q again while asking or closing: one prompt, one close
  });
}
