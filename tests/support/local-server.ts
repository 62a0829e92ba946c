// A throwaway HTTP server on 127.0.0.1 for unit tests that need a real socket (a fake API's answers), closed after
// each test even when it fails. Call useLocalServer() once at the top of a test file.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface LocalServers {
  /** Starts a server answering with `handler`; its base URL ends with `path`. */
  serve(handler: Handler, path?: string): Promise<string>;
}

export function useLocalServer(): LocalServers {
  const running: http.Server[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  return {
    async serve(handler, path = '/v2') {
      const server = http.createServer(handler);
      running.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
    },
  };
}
