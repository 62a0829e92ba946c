import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1 only (the sandbox is never reachable from the network); resolves the bound port. */
export function listen(server: Server, port: number, label = 'port'): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException): void => reject(describeListenError(err, port, label));
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Listens on `port` when it is given and free; on any free port when it is 0, or when `fallback` is set and `port` is
 * taken (a remembered port someone else has now). Another failure, or a taken port without `fallback`, throws.
 */
export async function listenOn(server: Server, port: number, fallback: boolean, label: string): Promise<number> {
  try {
    return await listen(server, port, label);
  } catch (err) {
    if (!fallback || port === 0 || (err as Error & { cause?: NodeJS.ErrnoException }).cause?.code !== 'EADDRINUSE') throw err;
    return listen(server, 0, label);
  }
}

// A raw "listen EADDRINUSE 127.0.0.1:1234" does not tell a CLI user which option to change.
function describeListenError(err: NodeJS.ErrnoException, port: number, label: string): Error {
  if (err.code === 'EADDRINUSE') return new Error(`${label} ${port} is already in use`, { cause: err });
  if (err.code === 'EACCES') return new Error(`${label} ${port} needs privileges this process does not have`, { cause: err });
  return err;
}

/** Stops accepting, drops every open socket (idle or mid-request), resolves once fully closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
