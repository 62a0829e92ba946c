// Dock/taskbar progress (with paused and error modes), a power-save blocker only while bytes move, and one
// notification per finished batch (clicking it shows the window).
import type { BrowserWindow, Notification as ElectronNotification } from 'electron';
import type { UploadRow } from '../../shared/ipc/schemas';
import { newlyFinishedBatches, notificationText, summarizeQueue } from './queue-summary';

export interface OsServices {
  window: Pick<BrowserWindow, 'setProgressBar' | 'show' | 'focus'>;
  powerSaveBlocker: { start(type: 'prevent-app-suspension'): number; stop(id: number): void; isStarted(id: number): boolean };
  notify: (options: { title: string; body: string }) => Pick<ElectronNotification, 'on' | 'show'>;
}

export class OsIntegration {
  private blockerId: number | null = null;
  private readonly reported = new Set<string>();

  constructor(private readonly os: OsServices) {}

  update(rows: readonly UploadRow[]): void {
    const summary = summarizeQueue(rows);
    this.os.window.setProgressBar(summary.fraction, { mode: summary.mode });
    if (summary.bytesMoving && this.blockerId === null) this.blockerId = this.os.powerSaveBlocker.start('prevent-app-suspension');
    if (!summary.bytesMoving && this.blockerId !== null) {
      this.os.powerSaveBlocker.stop(this.blockerId);
      this.blockerId = null;
    }
    for (const batch of newlyFinishedBatches(rows, this.reported)) {
      const notification = this.os.notify(notificationText(batch));
      notification.on('click', () => {
        this.os.window.show();
        this.os.window.focus();
      });
      notification.show();
    }
  }
}
