// The network between the uploaders and storage, under the chaos run's control: a byte-for-byte TCP forwarder (as
// tests/support/tcp-proxy.ts) that can be cut (listener closed, every connection destroyed: "network gone") and
// restored on the same port, and that can stall the open connections of chosen processes (bytes stop moving both ways,
// like a stuck route) — only in-process engines are stalled, since they set a short idle timeout, while a CLI waits
// a minute for a stalled part. Which process owns a connection is read from Linux's /proc.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
  frozen: boolean;
}

/** Stalled connections nobody closed are destroyed after this long (a client that waits forever is its own bug). */
const MAX_STALL_MS = 90_000;

export class ChaosProxy {
  targetPort = 0;
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();
  private port = 0;
  /** What the proxy did, for the run's table. */
  readonly counts = { connections: 0, cut: 0, stalled: 0 };

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get plugged(): boolean {
    return this.server !== undefined;
  }

  async plug(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.forward(client));
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private forward(client: Socket): void {
    this.counts.connections++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair: Pair = { client, upstream, frozen: false };
    this.pairs.add(pair);
    for (const s of [client, upstream]) s.on('error', () => undefined);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Network gone: stop accepting and destroy every open connection. Returns how many were cut. */
  async unplug(): Promise<number> {
    const server = this.server;
    this.server = undefined;
    const open = [...this.pairs];
    for (const p of open) {
      p.client.destroy();
      p.upstream.destroy();
    }
    this.counts.cut += open.length;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    return open.length;
  }

  /** Freezes up to `max` open connections whose client side belongs to one of `pids`; returns how many. */
  async stall(pids: readonly number[], max: number): Promise<number> {
    const ports = await clientPortsOf(pids, this.port);
    const victims = [...this.pairs].filter((p) => !p.frozen && ports.has(p.client.remotePort ?? -1)).slice(0, max);
    for (const p of victims) {
      p.frozen = true;
      p.client.unpipe();
      p.upstream.unpipe();
      p.client.pause();
      p.upstream.pause();
      setTimeout(() => {
        p.client.destroy();
        p.upstream.destroy();
      }, MAX_STALL_MS).unref();
    }
    this.counts.stalled += victims.length;
    return victims.length;
  }

  async close(): Promise<void> {
    await this.unplug();
  }
}

/** Local ports of the TCP connections to `serverPort` that the given processes hold open (Linux only). */
async function clientPortsOf(pids: readonly number[], serverPort: number): Promise<Set<number>> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m?.[1]) inodes.add(m[1]);
    }
  }
  const ports = new Set<number>();
  const table = await readFile('/proc/net/tcp', 'utf8').catch(() => '');
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [local, remote, inode] = [cols[1], cols[2], cols[9]];
    if (!local || !remote || !inode || !inodes.has(inode)) continue;
    if (parseInt(remote.split(':')[1] ?? '', 16) !== serverPort) continue;
    ports.add(parseInt(local.split(':')[1] ?? '', 16));
  }
  return ports;
}
