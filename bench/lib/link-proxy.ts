// A link emulator for the bench: TCP proxies on 127.0.0.1 that add a round-trip time and a bandwidth cap per
// direction, the cap SHARED by every connection through every proxy on the same `Link` (one uplink, one downlink).
//
// The model is a pipe. Each direction is one FIFO serializer at `bytesPerS` (a token bucket with no burst): a chunk
// that enters at t leaves the serializer at max(t, lane free) + size / rate and is delivered RTT/2 after that. Delay is
// not added per chunk cumulatively: chunks in flight overlap, as bytes on a wire do. A new connection pays the TCP
// handshake: nothing it sends enters the pipe before accept + RTT. The bottleneck's buffer is shared too: when what is
// queued in a direction would take more than max(RTT, 50 ms) to leave, the proxy stops reading whichever sender adds
// to it until it is below that again, so TCP back-pressure reaches the senders as at a real bottleneck, a small request
// waits behind at most that much bulk data, and the proxy never holds a whole file in memory.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LinkSpec {
  /** round-trip time added, ms (half each way) */
  rttMs: number;
  /** cap per direction, bits per second */
  bitsPerS: number;
}

/** One direction of the link: a FIFO serializer shared by every connection. */
class Lane {
  private freeAt = 0;
  constructor(private readonly bytesPerMs: number) {}

  /** The moment (ms, performance.now()) a chunk entering at `enterMs` has left the serializer. */
  depart(enterMs: number, bytes: number): number {
    this.freeAt = Math.max(this.freeAt, enterMs) + bytes / this.bytesPerMs;
    return this.freeAt;
  }

  /** How long what is queued now takes to leave, ms. */
  backlogMs(nowMs: number): number {
    return Math.max(0, this.freeAt - nowMs);
  }
}

export class Link {
  readonly up: Lane;
  readonly down: Lane;
  readonly halfRttMs: number;
  /** the bottleneck's buffer, in ms of queue: past it every sender into that direction is paused */
  readonly bufferMs: number;

  constructor(readonly spec: LinkSpec) {
    const bytesPerMs = spec.bitsPerS / 8 / 1000;
    this.up = new Lane(bytesPerMs);
    this.down = new Lane(bytesPerMs);
    this.halfRttMs = spec.rttMs / 2;
    this.bufferMs = Math.max(spec.rttMs, 50);
  }
}

interface Item {
  dueMs: number;
  chunk: Buffer | null; // null: the sender ended (FIN)
}

/**
 * One direction of one connection: chunks wait in order until due. The last millisecond before a delivery is
 * waited with setImmediate (timers fire in whole milliseconds, too coarse for a 1 ms RTT).
 */
class Flow {
  private readonly items: Item[] = [];
  private resumeTimer: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly src: net.Socket,
    private readonly dst: net.Socket,
    private readonly lane: Lane,
    private readonly link: Link,
    private readonly openAtMs: number,
  ) {
    src.on('data', (chunk: Buffer) => this.push(chunk));
    src.on('end', () => this.push(null));
  }

  private push(chunk: Buffer | null): void {
    const now = performance.now();
    const enter = Math.max(now, this.openAtMs);
    const left = chunk ? this.lane.depart(enter, chunk.length) : enter;
    this.items.push({ dueMs: left + this.link.halfRttMs, chunk });
    // The bottleneck's buffer is full: stop reading this sender (TCP back-pressure) until it is below full again. Not
    // later: a wake-up that comes late on a busy machine must find bytes still queued, or the link idles.
    const backlog = this.lane.backlogMs(now);
    if (chunk && backlog > this.link.bufferMs && !this.resumeTimer) {
      this.src.pause();
      this.resumeTimer = setTimeout(() => {
        this.resumeTimer = undefined;
        if (!this.closed) this.src.resume();
      }, backlog - this.link.bufferMs);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const head = this.items[0];
    if (!head) return;
    const wait = head.dueMs - performance.now();
    if (wait > 1.5) this.timer = setTimeout(() => this.fire(), Math.floor(wait - 1));
    else this.timer = setImmediate(() => this.fire());
  }

  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.items.length && (this.items[0] as Item).dueMs <= now) {
      const { chunk } = this.items.shift() as Item;
      if (this.dst.destroyed) return;
      if (chunk === null) {
        this.dst.end();
        continue;
      }
      this.dst.write(chunk);
    }
    this.schedule();
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.resumeTimer);
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.items.length = 0;
  }
}

export interface LinkProxy {
  /** `http://127.0.0.1:PORT`: the origin to use instead of the upstream's */
  origin: string;
  port: number;
  /** sockets this proxy holds open right now (client and upstream sides) */
  openSockets(): number;
  /** sockets it ever opened or accepted */
  socketsOpened(): number;
  close(): Promise<void>;
}

/** A proxy on 127.0.0.1 in front of `upstream` (an http origin), its traffic through `link`. */
export async function startLinkProxy(link: Link, upstream: string): Promise<LinkProxy> {
  const target = new URL(upstream);
  const sockets = new Set<net.Socket>();
  let opened = 0;
  const track = (s: net.Socket) => {
    opened += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  // Half-open on both sides: a FIN is forwarded when it comes out of the pipe, after the bytes before it.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    track(client);
    const openAtMs = performance.now() + link.spec.rttMs;
    const remote = net.connect({ host: target.hostname, port: Number(target.port) || 80, allowHalfOpen: true });
    track(remote);
    client.setNoDelay(true);
    remote.setNoDelay(true);
    const flows = [new Flow(client, remote, link.up, link, openAtMs), new Flow(remote, client, link.down, link, openAtMs)];
    const teardown = () => {
      for (const f of flows) f.stop();
      client.destroy();
      remote.destroy();
    };
    // A reset or error on either side resets the other; a clean close of both ends is handled by the FINs.
    client.on('error', teardown);
    remote.on('error', teardown);
    client.on('close', (hadError) => (hadError || remote.destroyed ? teardown() : undefined));
    remote.on('close', (hadError) => (hadError || client.destroyed ? teardown() : undefined));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    openSockets: () => sockets.size,
    socketsOpened: () => opened,
    /** Destroys every socket it holds and resolves once each has closed and the listener is gone. */
    close: async () => {
      const closing = [...sockets].map((s) => new Promise((resolve) => (s.closed ? resolve(undefined) : s.once('close', resolve))));
      for (const s of sockets) s.destroy();
      await Promise.all([...closing, new Promise((resolve) => server.close(resolve))]);
    },
  };
}
