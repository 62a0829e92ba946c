// The one place ipcMain itself is imported: wires the checked wrapper to Electron.
import { ipcMain, type WebContents } from 'electron';
import { type Handlers, registerDropReports, registerHandlers } from './register-handlers';

export function registerIpc(handlers: Handlers, windows: ReadonlySet<WebContents>, onDropped: (paths: string[]) => void): void {
  registerHandlers(ipcMain, handlers, windows);
  registerDropReports(ipcMain, onDropped, windows);
}
