import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DataDirLock } from './state/lock.js';
import type { Store } from './state/store.js';
import { InFlight } from './util/in-flight.js';
import { closeServer } from './util/listen.js';

// Handlers end quickly once their sockets are gone; a bug that keeps one alive must not make close() hang.
const IN_FLIGHT_GRACE_MS = 5_000;

/**
 * Everything a sandbox holds, filled in as startup proceeds. One teardown serves both close() and a
 * startup that fails half-way, so a failed start never leaves a server listening or a lock behind.
 */
export class SandboxResources {
  lock?: DataDirLock;
  store?: Store;
  readonly servers: Server[] = [];
  readonly clients: S3Client[] = [];
  readonly inFlight = new InFlight();
  readonly shutdown = new AbortController();

  constructor(
    readonly dataDir: string,
    /** A temp folder we made can never be reopened, so it goes with the sandbox. */
    private readonly ownsDataDir: boolean,
    private readonly log: (line: string) => void,
  ) {}

  async release(): Promise<void> {
    this.shutdown.abort();
    await Promise.all(this.servers.map(closeServer));
    // Sockets are gone now; handlers that got far enough still finish their bookkeeping, then nothing
    // writes state any more.
    if (!(await this.inFlight.idle(IN_FLIGHT_GRACE_MS))) {
      this.log(`close: ${this.inFlight.size} request(s) still running after ${IN_FLIGHT_GRACE_MS} ms; closing anyway`);
    }
    for (const client of this.clients) client.destroy();
    this.store?.close(); // so even a handler that outlived the grace period cannot write state any more
    await this.lock?.release();
    if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}
