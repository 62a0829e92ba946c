// Starts one throwaway radosgw for the integration run and stops it by pid afterwards, whatever the tests did.
import type { TestProject } from 'vitest/node';
import { startRadosgw } from '../support/radosgw';

declare module 'vitest' {
  export interface ProvidedContext {
    radosgw: { endpoint: string; accessKey: string; secretKey: string };
  }
}

export default async function setup(project: TestProject) {
  const gw = await startRadosgw();
  project.provide('radosgw', { endpoint: gw.endpoint, accessKey: gw.accessKey, secretKey: gw.secretKey });
  return async () => {
    await gw.stop();
  };
}
