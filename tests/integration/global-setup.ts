// Starts one throwaway radosgw for the integration run and stops it by pid afterwards, whatever the tests did.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRadosgw } from '../support/radosgw';

declare module 'vitest' {
  export interface ProvidedContext {
    radosgw: { endpoint: string; accessKey: string; secretKey: string };
  }
}

export default async function setup(project: TestProject) {
  // The CLI's journal and state go to a throwaway folder, never to the developer's own ~/.local/state/ferry.
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-test-state-'));
  process.env.FERRY_STATE_DIR = stateDir;
  const gw = await startRadosgw();
  project.provide('radosgw', { endpoint: gw.endpoint, accessKey: gw.accessKey, secretKey: gw.secretKey });
  return async () => {
    await gw.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
}
