// The browser host's routes for this computer's files (the browser window's stand-ins for a native dialog and for a
// dropped file's path), behind the same door as every other route (cookie, own Host; the caller checks the Origin):
//   POST   /__host/local/list    {path?, hidden?}  → one folder's entries (no path: the home folder)
//   POST   /__host/local/choose  {paths}           → the chosen paths, resolved, granted like a native dialog's pick
//   POST   /__host/spool                           → {dropId}: a dropped File without a path is about to be streamed
//   PUT    /__host/spool/<dropId>?path=<relative>  → the file's bytes as the body, piped to the spool
//   POST   /__host/spool/<dropId>/done             → the drop's top-level spool paths, granted like a drop's paths
//   DELETE /__host/spool/<dropId>                  → an abandoned drop (not uploaded): its files go
import type http from 'node:http';
import { listFolder, LocalRefused, resolveChoice } from './local-files';
import { type Spool, SpoolRefused } from './spool';

export interface LocalRoutesOptions {
  /** Grants paths exactly as main's own dialog or a drop would (backend.grantDropped). */
  grant(paths: string[]): void;
  /** Where dropped files without a path are received; none: drops without a path are refused. */
  spool?: Spool;
  /** The folder a listing starts in (default: the home folder). */
  home?: string;
}

export interface RouteIo {
  /** The request's small JSON body as an object (null: refused and answered already). */
  json(req: http.IncomingMessage, res: http.ServerResponse): Promise<Record<string, unknown> | null>;
  reply(res: http.ServerResponse, status: number, body: unknown): void;
}

/** Answers `pathname` if it is one of these routes (true), else leaves it to the caller (false). */
export async function localRoute(pathname: string, req: http.IncomingMessage, res: http.ServerResponse, options: LocalRoutesOptions, io: RouteIo): Promise<boolean> {
  const method = req.method ?? 'GET';
  try {
    if (pathname === '/__host/local/list' && method === 'POST') {
      const body = await io.json(req, res);
      if (body) io.reply(res, 200, await listFolder(typeof body.path === 'string' ? body.path : undefined, { hidden: body.hidden === true, home: options.home }));
      return true;
    }
    if (pathname === '/__host/local/choose' && method === 'POST') {
      const body = await io.json(req, res);
      if (!body) return true;
      const paths = await resolveChoice(body.paths);
      options.grant(paths);
      io.reply(res, 200, { paths });
      return true;
    }
    const spool = options.spool;
    const match = /^\/__host\/spool(?:\/([^/]+)(\/done)?)?$/.exec(pathname);
    if (!match || !spool) return false;
    const [, dropId, done] = match;
    if (dropId === undefined && method === 'POST') {
      if (await io.json(req, res)) io.reply(res, 200, { dropId: spool.begin() });
      return true;
    }
    if (dropId !== undefined && !done && method === 'PUT') {
      const relative = new URL(req.url ?? '/', 'http://host').searchParams.get('path') ?? '';
      const length = Number(req.headers['content-length']);
      await spool.receive(dropId, relative, req, Number.isSafeInteger(length) && length >= 0 ? length : null);
      io.reply(res, 200, {});
      return true;
    }
    if (dropId !== undefined && done && method === 'POST') {
      if (!(await io.json(req, res))) return true;
      const paths = spool.finish(dropId);
      options.grant(paths);
      io.reply(res, 200, { paths });
      return true;
    }
    if (dropId !== undefined && !done && method === 'DELETE') {
      await spool.discard(dropId);
      io.reply(res, 200, {});
      return true;
    }
    return false;
  } catch (error) {
    if (!(error instanceof LocalRefused || error instanceof SpoolRefused)) throw error;
    // A refused upload body is not read to its end: this connection cannot carry another request.
    if (method === 'PUT' && !req.readableEnded) res.once('finish', () => req.socket.destroy());
    io.reply(res, 400, { error: error.message });
    return true;
  }
}
