// One UploadEngine per CLI command, wired to the terminal: journal in the state folder, Ctrl-C, and a new token or
// sign-in when the one in use stops working (an Adobe sign-in renews itself and, failing that, asks to sign in again
// with the files paused; a token asks for another token after a 401).
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
  const adobe = session.auth.method === 'adobe' ? session.auth.adobe : null;
  const engine = new UploadEngine({
    client: session.client,
    apiUrl: session.journalKey, // what `ferry status` and `ferry resume` find the batch by
    journalDir: journalDir(),
    signal: controller.signal,
    expectedBytesPerSec: options.expectedBytesPerSec ?? null,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    // The Adobe session's renewer is on the client already: a token prompt must not replace it.
    ...(options.json || adobe ? {} : { requestToken: terminalTokenPrompt(() => view?.suspend(), () => view?.start()) }),
  });
  view = options.json ? null : new ProgressView(() => engine.files);
  adobe?.attach(engine, { suspend: () => view?.suspend(), resume: () => view?.start() });
  return { engine, controller, view };
}

/** What the report needs to say when an Adobe sign-in ended mid-run (ReportOptions.signIn). */
export const signInOf = (session: Session): { ended(): string | null; command: string } | undefined =>
  session.auth.method === 'adobe' ? { ended: session.auth.adobe.ended, command: session.command } : undefined;
