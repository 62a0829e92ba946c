// "Waiting for network": when a part fails because the network is gone, the file waits here — without spending
// its retry budget — until the storage host answers a TCP connect again, then carries on by itself.
import net from 'node:net';
import { sleep as realSleep } from './backoff';

export const PROBE_TIMEOUT_MS = 3_000;
const PROBE_INTERVAL_START_MS = 500;
const PROBE_INTERVAL_MAX_MS = 10_000;

/** Error codes that mean "no route / nobody there" rather than "the server had a problem". */
export const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

export type Probe = (url: string) => Promise<boolean>;

export const tcpProbe: Probe = (url) =>
  new Promise((resolve) => {
    const { hostname, port, protocol } = new URL(url);
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) || (protocol === 'https:' ? 443 : 80) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

export class NetworkGate {
  private outage: Promise<void> | null = null;
  /** Aborted by recheckNow(): cuts the outage's current backoff sleep (or the next one, if a probe is running). */
  private wake: AbortController | null = null;
  private listeners = new Set<(online: boolean) => void>();

  constructor(
    private readonly probe: Probe = tcpProbe,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = realSleep,
  ) {}

  get online(): boolean {
    return this.outage === null;
  }

  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a network-class failure against `url`: true if the host is unreachable, in which case the caller should
   * `waitUntilOnline(url)` and try again without counting the attempt. */
  async isOffline(url: string): Promise<boolean> {
    if (this.outage) return true;
    return !(await this.probe(url));
  }

  /** One shared wait per outage, however many files are waiting. */
  waitUntilOnline(url: string, signal?: AbortSignal): Promise<void> {
    if (!this.outage) {
      this.emit(false);
      this.outage = (async () => {
        let delay = PROBE_INTERVAL_START_MS;
        for (;;) {
          const wake = (this.wake = new AbortController());
          if (await this.probe(url)) return;
          if (wake.signal.aborted) {
            delay = PROBE_INTERVAL_START_MS; // told during the probe that the network changed: look again at once
            continue;
          }
          try {
            await this.sleep(delay, wake.signal);
            delay = Math.min(PROBE_INTERVAL_MAX_MS, delay * 2);
          } catch {
            // Woken by recheckNow(): probe now, and start the backoff over, since the network just changed.
            delay = PROBE_INTERVAL_START_MS;
          }
        }
      })().finally(() => {
        this.wake = null;
        this.outage = null;
        this.emit(true);
      });
    }
    if (!signal) return this.outage;
    return Promise.race([
      this.outage,
      new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })),
    ]);
  }

  /** The OS says the network is (probably) back, or the machine just woke: during an outage, probe now instead of
   * at the end of a backoff sleep of up to PROBE_INTERVAL_MAX_MS. Outside an outage there is nothing to do. */
  recheckNow(): void {
    this.wake?.abort();
  }

  private emit(online: boolean): void {
    for (const listener of this.listeners) listener(online);
  }
}
