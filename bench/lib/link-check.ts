// The link emulator checked against itself before a profile is measured: a bare PUT of N MB to a local sink through a
// proxy on the link measures the cap, and tiny requests on a kept-alive connection measure the RTT it adds (the same
// request straight to the sink is the host's own floor, taken off). A profile whose link is off by more than 10 % is
// not measured.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Link, startLinkProxy } from './link-proxy.js';
import { median } from './stats.js';

export interface LinkCheck {
  claimedMbitS: number;
  measuredMbitS: number;
  claimedRttMs: number;
  /**
   * Round trip through the proxy minus the same straight to the sink: the lower quartile of 15 pings, the emulator's
   * own delay when the machine wakes it on time (on a shared, loaded machine wake-ups come late by a few ms, which
   * every process there suffers alike: see medianRttMs).
   */
  measuredRttMs: number;
  /** the median of the same pings */
  medianRttMs: number;
  floorRttMs: number;
  putBytes: number;
  ok: boolean;
  error?: string;
}

export const LINK_TOLERANCE = 0.1;

async function startSink(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => res.end('ok'));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function request(origin: string, agent: http.Agent, method: string, body?: { bytes: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(`${origin}/check`, { method, agent, headers: body ? { 'content-length': String(body.bytes) } : {} }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(performance.now() - t0));
    });
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    const block = Buffer.alloc(256 * 1024, 7);
    let left = body.bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(block.length, left);
        left -= n;
        if (!req.write(n === block.length ? block : block.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function quartile(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 4)] ?? NaN;
}

async function pings(origin: string, n: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await request(origin, agent, 'GET'); // opens the connection (and pays its handshake)
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(await request(origin, agent, 'GET'));
    return times;
  } finally {
    agent.destroy();
  }
}

/**
 * Sends ~1.5 s worth of bytes (8–64 MB) and a few pings through a proxy on `link`; up to `attempts` times while it is
 * off (a busy machine delays timers), keeping the last.
 */
export async function checkLink(link: Link, attempts = 3): Promise<LinkCheck> {
  let last = await checkOnce(link);
  for (let i = 1; i < attempts && !last.ok; i++) last = await checkOnce(link);
  return last;
}

async function checkOnce(link: Link): Promise<LinkCheck> {
  const sink = await startSink();
  const proxy = await startLinkProxy(link, sink.origin);
  const claimedMbitS = link.spec.bitsPerS / 1e6;
  const putBytes = Math.round(Math.min(64e6, Math.max(8e6, (link.spec.bitsPerS / 8) * 1.5)));
  try {
    const floorRttMs = median(await pings(sink.origin, 9));
    const through = await pings(proxy.origin, 15);
    const measuredRttMs = quartile(through) - floorRttMs;
    const medianRttMs = median(through) - floorRttMs;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await request(proxy.origin, agent, 'GET');
    const putMs = await request(proxy.origin, agent, 'PUT', { bytes: putBytes });
    agent.destroy();
    // The PUT's time: its bytes through the cap, plus one round trip (the last byte there, the answer back).
    const measuredMbitS = (putBytes * 8) / 1e6 / ((putMs - link.spec.rttMs - floorRttMs) / 1000);
    const rttOff = Math.abs(measuredRttMs - link.spec.rttMs) / link.spec.rttMs;
    const capOff = Math.abs(measuredMbitS - claimedMbitS) / claimedMbitS;
    const errors = [
      ...(rttOff > LINK_TOLERANCE ? [`RTT ${measuredRttMs.toFixed(2)} ms, claimed ${link.spec.rttMs} ms`] : []),
      ...(capOff > LINK_TOLERANCE ? [`cap ${measuredMbitS.toFixed(0)} Mbit/s, claimed ${claimedMbitS} Mbit/s`] : []),
    ];
    return { claimedMbitS, measuredMbitS, claimedRttMs: link.spec.rttMs, measuredRttMs, medianRttMs, floorRttMs, putBytes, ok: !errors.length, ...(errors.length ? { error: errors.join('; ') } : {}) };
  } finally {
    await proxy.close();
    await sink.close();
  }
}
