// The ground most integration tests stand on: one in-process sandbox, a V2 client signed in to it, and a temp folder
// for local files, started before the file's tests and stopped (by the fixture, even when a test fails) after them.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { V2Client } from '../../src/core/frameio/v2-client';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index';

export interface SandboxFixture {
  readonly sandbox: Sandbox;
  readonly client: V2Client;
  /** A fresh temp folder for this test file's local files. */
  readonly work: string;
  /** A new, empty folder in the sandbox's demo project. */
  freshFolder(name: string): Promise<string>;
}

let folders = 0;

/** Registers beforeAll/afterAll for the calling test file; read the fields inside tests (they exist once started). */
export function useSandbox(options: SandboxOptions = {}, prefix = 'ferry-test-'): SandboxFixture {
  let sandbox: Sandbox | null = null;
  let client: V2Client | null = null;
  let work: string | null = null;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), prefix));
    sandbox = await startSandbox(options);
    client = new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token });
  });
  afterAll(async () => {
    await sandbox?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });
  const started = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`the sandbox fixture's ${what} is read before beforeAll ran`);
    return value;
  };
  return {
    get sandbox() {
      return started(sandbox, 'sandbox');
    },
    get client() {
      return started(client, 'client');
    },
    get work() {
      return started(work, 'work folder');
    },
    async freshFolder(name: string) {
      const s = started(sandbox, 'sandbox');
      return (await started(client, 'client').createFolder(s.rootAssetId, `${name}-${++folders}`)).id;
    },
  };
}
