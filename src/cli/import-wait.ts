// Waiting for a remote import (`ferry import`): Frame.io fetches the file itself, so all Ferry can do is ask how it
// stands until it has the file or says the fetch failed. On a terminal a line ticks with the time waited; off one,
// one line says Ferry is waiting. V2 has no "failed" state for an import (it stays incomplete): there the wait ends
// with the file, or with Ctrl-C (the import goes on at Frame.io either way).
import { FrameioError } from '../core/frameio/errors';
import type { Asset } from '../core/frameio/types';
import { CliError, failure } from './cli-error';
import { formatEta, printable } from './format';
import type { Session } from './session';

const TICK_MS = 250;
/** How often to ask: soon at first (small files land in a second or two), then calmly (the status call is limited). */
const pollDelay = (elapsedMs: number) => (elapsedMs < 10_000 ? 1000 : 3000);
const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** V4's status call answers a failed upload with this error (no HTTP status: the call itself worked). */
const reportsFailure = (error: unknown): boolean => error instanceof FrameioError && error.kind === 'server' && error.status === undefined;

function ticker(label: string, out: NodeJS.WriteStream, live: boolean): () => void {
  const started = Date.now();
  if (!live) {
    out.write(`${label}…\n`);
    return () => {};
  }
  let frame = 0;
  const draw = () => out.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label}… ${formatEta((Date.now() - started) / 1000)}`);
  draw();
  const timer = setInterval(draw, TICK_MS);
  return () => {
    clearInterval(timer);
    out.write('\r\x1b[2K');
  };
}

/** Resolves with the imported file once Frame.io has it; throws a CliError when Frame.io says the import failed. */
export async function waitForImport(session: Session, asset: Asset, url: string, quiet: boolean): Promise<Asset> {
  const stop = quiet ? () => {} : ticker(`Waiting for Frame.io to fetch ${printable(url)}`, process.stderr, Boolean(process.stderr.isTTY));
  const started = Date.now();
  try {
    for (;;) {
      try {
        if ((await session.client.uploadState(asset.id)).complete) break;
      } catch (error) {
        if (!reportsFailure(error)) throw failure(error, `file ${asset.id}`);
        throw new CliError(`Frame.io could not import ${printable(url)}: it reports the fetch failed (asset ${asset.id}, "${printable(asset.name)}"). Check that the URL answers from the internet, then import it again.`, 1, {
          details: { asset_id: asset.id, url },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, pollDelay(Date.now() - started)));
    }
  } finally {
    stop();
  }
  return session.client.getAsset(asset.id).catch((error: unknown) => {
    throw failure(error, `file ${asset.id}`);
  });
}
