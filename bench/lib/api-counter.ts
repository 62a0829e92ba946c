// A counting reverse proxy in front of the sandbox's API origin (V2 and V4 alike), for runs that count rather than
// time: how many API round trips an uploader makes per file, by route, and when Frame.io answered 429. (Never used
// for the throughput runs: it would add a hop to every request.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCounter {
  /** The proxy's origin: append `/v2` or `/v4`. */
  origin: string;
  counts(): Record<string, number>;
  /** ms after the first request at which each 429 was answered, with its route. */
  throttled(): Array<{ atMs: number; route: string }>;
  /** ms after the first request at which the first request of this route went out (null: never). */
  firstOf(route: string): number | null;
  close(): Promise<void>;
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export async function startApiCounter(apiUrl: string): Promise<ApiCounter> {
  const upstream = new URL(apiUrl);
  const counts: Record<string, number> = {};
  const firsts = new Map<string, number>();
  const throttled: Array<{ atMs: number; route: string }> = [];
  let startedAt: number | null = null;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const now = Date.now();
    startedAt ??= now;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = `${req.method ?? '?'} ${path.replace(ID, '{id}')}`;
    counts[route] = (counts[route] ?? 0) + 1;
    if (!firsts.has(route)) firsts.set(route, now - startedAt);
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (up) => {
        if (up.statusCode === 429) throttled.push({ atMs: Date.now() - (startedAt ?? now), route });
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    throttled: () => [...throttled],
    firstOf: (route) => firsts.get(route) ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
