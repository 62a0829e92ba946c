import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A byte-for-byte TCP forwarder to 127.0.0.1:`targetPort` that can be unplugged (listener closed, every
 * connection cut) and plugged back in on the same port: a network outage between client and storage.
 */
export class TcpProxy {
  /** Set before the first connection arrives (the sandbox's storage port is known only after it starts). */
  targetPort = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts listening: on a free port the first time, on that same port again after unplug(). */
  async plug(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        // A cut in one direction cuts the other; errors are the point of an outage, not test failures.
        s.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops forwarding on the connections open now (they hang, like a stuck route); new connections work. */
  freezeOpenConnections(): void {
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** Stops accepting and destroys every open connection, both sides. */
  async unplug(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
