// The server side of a chaos run, in its own process (so the sandbox and the uploaders share two cores instead of one
// event loop): a sandbox on local storage behind the chaos proxy, driven over IPC by the conductor (host-client.ts)
// through the sandbox's own handle — setFaults, rotateToken, stats — and the proxy's cut / restore / stall.
// Started with `node --import tsx tests/chaos/sandbox-host.ts`; it exits when the conductor goes away.
import { rm } from 'node:fs/promises';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index';
import { ChaosProxy } from './chaos-proxy';

export interface HostInfo {
  apiUrl: string;
  apiV4Url: string;
  token: string;
  rootAssetId: string;
  accountId: string;
  storageUrl: string;
}

export type HostCommand =
  | { cmd: 'start'; options: SandboxOptions; dataDir: string }
  | { cmd: 'stats' }
  | { cmd: 'setFaults'; faults: NonNullable<SandboxOptions['faults']> }
  | { cmd: 'rotateToken' }
  | { cmd: 'unplug' }
  | { cmd: 'plug' }
  | { cmd: 'stall'; pids: number[]; max: number }
  | { cmd: 'proxyCounts' }
  | { cmd: 'close' };

let sandbox: Sandbox | null = null;
let dataDir: string | null = null;
const proxy = new ChaosProxy();

async function run(command: HostCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'start': {
      await proxy.plug();
      dataDir = command.dataDir;
      sandbox = await startSandbox({ ...command.options, dataDir: command.dataDir, storagePublicUrl: proxy.origin });
      proxy.targetPort = Number(new URL(sandbox.storageListenUrl).port);
      const info: HostInfo = { apiUrl: sandbox.apiUrl, apiV4Url: sandbox.apiV4Url, token: sandbox.token, rootAssetId: sandbox.rootAssetId, accountId: sandbox.accountId, storageUrl: sandbox.storageUrl };
      return info;
    }
    case 'stats':
      return need().stats();
    case 'setFaults':
      need().setFaults(command.faults);
      return null;
    case 'rotateToken':
      return need().rotateToken();
    case 'unplug':
      return proxy.unplug();
    case 'plug':
      await proxy.plug();
      return null;
    case 'stall':
      return proxy.stall(command.pids, command.max);
    case 'proxyCounts':
      return { ...proxy.counts };
    case 'close':
      await shutdown();
      return null;
  }
}

function need(): Sandbox {
  if (!sandbox) throw new Error('the sandbox is not started');
  return sandbox;
}

let closing: Promise<void> | null = null;
function shutdown(): Promise<void> {
  closing ??= (async () => {
    await proxy.close().catch(() => undefined);
    await sandbox?.close().catch(() => undefined);
    sandbox = null;
    if (dataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  })();
  return closing;
}

process.on('message', (message: { id: number } & HostCommand) => {
  run(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The conductor is gone (finished, crashed, killed): stop serving and clean up, never linger.
process.on('disconnect', () => void shutdown().finally(() => process.exit(0)));
