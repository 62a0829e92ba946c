// `--sandbox` starts the sandbox in-process for one command. Its ports are remembered (in the CLI's state folder) and
// asked for again next time: a batch interrupted under `--sandbox` holds part URLs signed for the storage port of that
// run, and `ferry --sandbox resume` can only continue them on the same port. When the ports are taken, it starts on
// new ones, and `staleUrl` tells resume which journaled URLs point at a storage server that is gone.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '../sandbox/index';
import { writeFileAtomic } from '../core/util/atomic-file';
import { stateDir } from './state-dir';

interface Ports {
  dataDir: string;
  port: number;
  storagePort: number;
}

const portsFile = () => path.join(stateDir(), 'sandbox-ports.json');
const portOf = (url: string): number => Number(new URL(url).port);

async function remembered(dataDir: string): Promise<Ports | null> {
  try {
    const ports = JSON.parse(await readFile(portsFile(), 'utf8')) as Partial<Ports>;
    if (ports.dataDir !== dataDir || !Number.isInteger(ports.port) || !Number.isInteger(ports.storagePort)) return null;
    return ports as Ports;
  } catch {
    return null;
  }
}

export interface CliSandbox {
  sandbox: Sandbox;
  /** A part URL that no longer leads anywhere: signed for another run's storage server. */
  staleUrl(url: string): boolean;
}

export async function startCliSandbox(dataDir: string): Promise<CliSandbox> {
  // Loaded only when asked for: the sandbox pulls in the AWS SDK, which a plain upload must not pay for at start-up.
  const { startSandbox } = await import('../sandbox/index');
  const last = await remembered(dataDir);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ dataDir, ...(last ? { port: last.port, storagePort: last.storagePort } : {}) });
  } catch (error) {
    if (!last || !/already in use/.test((error as Error).message)) throw error;
    sandbox = await startSandbox({ dataDir }); // someone else has the ports now: new ones
  }
  const ports: Ports = { dataDir, port: portOf(sandbox.apiUrl), storagePort: portOf(sandbox.storageListenUrl) };
  await mkdir(stateDir(), { recursive: true, mode: 0o700 });
  await writeFileAtomic(portsFile(), `${JSON.stringify(ports)}\n`).catch(() => undefined); // only a convenience
  const origin = new URL(sandbox.storageUrl).origin;
  return { sandbox, staleUrl: (url) => new URL(url).origin !== origin };
}
