// One UploadEngine per CLI command, wired to the terminal: journal in the state folder, Ctrl-C, token prompt.
import { UploadEngine } from '../core/upload/engine';
import { ProgressView } from './progress-view';
import type { Session } from './session';
import { journalDir } from './state-dir';
import { terminalTokenPrompt } from './token-prompt';

export interface CliEngine {
  engine: UploadEngine;
  controller: AbortController;
  view: ProgressView | null;
}

export function engineForCli(session: Session, options: { concurrency?: number; json: boolean; expectedBytesPerSec?: number | null }): CliEngine {
  const controller = new AbortController();
  let view: ProgressView | null = null;
  const engine = new UploadEngine({
    client: session.client,
    apiUrl: session.journalKey, // what `ferry status` and `ferry resume` find the batch by
    journalDir: journalDir(),
    signal: controller.signal,
    expectedBytesPerSec: options.expectedBytesPerSec ?? null,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.json ? {} : { requestToken: terminalTokenPrompt(() => view?.suspend(), () => view?.start()) }),
  });
  view = options.json ? null : new ProgressView(() => engine.files);
  return { engine, controller, view };
}
