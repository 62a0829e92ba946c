// A counting reverse proxy in front of the sandbox API, for one untimed diagnostic run: how many API round trips
// an uploader makes per file, by route. (Never used for the timed runs: it would add a hop to every request.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCounter {
  url: string;
  counts(): Record<string, number>;
  close(): Promise<void>;
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export async function startApiCounter(apiUrl: string): Promise<ApiCounter> {
  const upstream = new URL(apiUrl);
  const counts: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const key = `${req.method ?? '?'} ${path.replace(ID, '{id}')}`;
    counts[key] = (counts[key] ?? 0) + 1;
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (up) => {
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
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
