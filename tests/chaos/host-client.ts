// The conductor's side of the sandbox host: starts it as a child process (its pid kept, so it is stopped by pid even
// when the run fails) and calls it over IPC.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SandboxFaults, SandboxOptions, SandboxStats } from '../../src/sandbox/index';
import type { HostCommand, HostInfo } from './sandbox-host';

const HOST_SCRIPT = fileURLToPath(new URL('./sandbox-host.ts', import.meta.url));

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class SandboxHost {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private exited = false;
  info!: HostInfo;
  /** The current token: rotations replace it. */
  token = '';

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`sandbox host: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`the sandbox host exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(options: SandboxOptions, dataDir: string, log: (line: string) => void): Promise<SandboxHost> {
    const child = spawn(process.execPath, ['--import', 'tsx', HOST_SCRIPT], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child.stderr?.on('data', (d: Buffer) => log(`sandbox host: ${d.toString().trimEnd()}`));
    const host = new SandboxHost(child);
    host.info = (await host.call({ cmd: 'start', options, dataDir })) as HostInfo;
    host.token = host.info.token;
    return host;
  }

  private call(command: HostCommand): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error('the sandbox host is not running'));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, ...command });
    });
  }

  stats(): Promise<SandboxStats> {
    return this.call({ cmd: 'stats' }) as Promise<SandboxStats>;
  }

  async setFaults(faults: SandboxFaults): Promise<void> {
    await this.call({ cmd: 'setFaults', faults });
  }

  async rotateToken(): Promise<string> {
    this.token = (await this.call({ cmd: 'rotateToken' })) as string;
    return this.token;
  }

  unplug(): Promise<number> {
    return this.call({ cmd: 'unplug' }) as Promise<number>;
  }

  async plug(): Promise<void> {
    await this.call({ cmd: 'plug' });
  }

  stall(pids: number[], max: number): Promise<number> {
    return this.call({ cmd: 'stall', pids, max }) as Promise<number>;
  }

  proxyCounts(): Promise<{ connections: number; cut: number; stalled: number }> {
    return this.call({ cmd: 'proxyCounts' }) as Promise<{ connections: number; cut: number; stalled: number }>;
  }

  /** Closes the sandbox (its data folder removed), then makes sure the process is gone: by pid, SIGKILL after 20 s. */
  async close(): Promise<void> {
    if (this.exited) return;
    await Promise.race([this.call({ cmd: 'close' }).catch(() => undefined), new Promise((r) => setTimeout(r, 20_000).unref())]);
    const gone = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await gone;
    clearTimeout(timer);
  }
}
