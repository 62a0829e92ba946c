// The sandbox fixture with V4 in front: the conformance proxy on the sandbox's /v4 (every request a V4 client sends and
// every answer checked against Frame.io's published spec) and a V4Client through it. Bytes are checked through V2 on
// the same sandbox (`fx.client`): the V4 shapes carry no download URL, and V2 sees the same assets (decision 0019).
import { afterAll, beforeAll, expect } from 'vitest';
import { V4Client } from '../../src/core/frameio/v4-client';
import type { SandboxOptions } from '../../src/sandbox/index';
import { type SandboxFixture, useSandbox } from './sandbox-fixture';
import { type ConformanceProxy, startConformanceProxy } from './v4-conformance';

export interface V4Fixture extends SandboxFixture {
  /** Checks every V4 exchange; its `apiUrl` is what the CLI gets as `--api`. */
  readonly proxy: ConformanceProxy;
  /** A V4 client through the proxy, for tests that read back what the CLI did. */
  readonly v4: V4Client;
  /** Every V4 exchange since the last call conformed to the spec (so one test's violation is not every later one's),
   * and there was at least one. */
  conforms(): Promise<void>;
}

export function useV4Sandbox(options: SandboxOptions = {}, prefix = 'ferry-v4-'): V4Fixture {
  const fx = useSandbox(options, prefix);
  let proxy: ConformanceProxy | null = null;
  let v4: V4Client | null = null;
  let checked = 0;
  let seen = 0;
  beforeAll(async () => {
    proxy = await startConformanceProxy(fx.sandbox.apiV4Url);
    v4 = new V4Client({ baseUrl: proxy.apiUrl, token: fx.sandbox.token });
  });
  // Registered after useSandbox's: vitest runs afterAll hooks in reverse, so the proxy closes before the sandbox.
  afterAll(async () => {
    await proxy?.close();
  });
  const started = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`the V4 fixture's ${what} is read before beforeAll ran`);
    return value;
  };
  return {
    get sandbox() {
      return fx.sandbox;
    },
    get client() {
      return fx.client;
    },
    get work() {
      return fx.work;
    },
    freshFolder: (name) => fx.freshFolder(name),
    get proxy() {
      return started(proxy, 'proxy');
    },
    get v4() {
      return started(v4, 'V4 client');
    },
    async conforms() {
      const p = started(proxy, 'proxy');
      await p.drained();
      const fresh = p.violations.slice(checked);
      checked = p.violations.length;
      expect(fresh).toEqual([]);
      // Nothing checked would prove nothing: the client under test must really have gone through the proxy.
      expect(p.exchanges, 'V4 exchanges through the conformance proxy').toBeGreaterThan(seen);
      seen = p.exchanges;
    },
  };
}
