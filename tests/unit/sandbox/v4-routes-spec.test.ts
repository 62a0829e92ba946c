// The sandbox's V4 routes and their rate limits, read against Frame.io's published spec: every route is an operation
// of the spec (method and path), named by its operationId, and `limits: 'frameio'` holds that operation's published
// "Rate Limits:" line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAMEIO_LIMITS } from '../../../src/sandbox/api/limits.js';
import { V4_ROUTES } from '../../../src/sandbox/v4/routes.js';

type Operation = { operationId?: string; description?: string };
const spec = JSON.parse(readFileSync(new URL('../../fixtures/frameio-v4/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
  Object.entries(ops).filter(([, op]) => typeof op === 'object' && op.operationId).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

/** "Rate Limits: 5 calls per 1 second(s)" / "100 calls per 1.00 minute(s)" → { limit, windowMs }. */
function published(description: string | undefined): { limit: number; windowMs: number } | undefined {
  const m = /Rate Limits: (\d+) calls per ([\d.]+) (second|minute)/.exec(description ?? '');
  if (!m) return undefined;
  return { limit: Number(m[1]), windowMs: Number(m[2]) * (m[3] === 'minute' ? 60_000 : 1000) };
}

describe('V4 routes against the spec', () => {
  it('every route is the spec operation its category names, with that operation’s method and path', () => {
    for (const route of V4_ROUTES) {
      const found = operations.find((o) => o.op.operationId === route.category);
      expect(found, route.category).toBeDefined();
      expect(route.method, route.category).toBe(found?.method);
      const sample = String(found?.path).replace(/\{[^}]+\}/g, 'a1b2');
      expect(route.pattern.test(sample), `${route.category}: ${String(route.pattern)} vs ${String(found?.path)}`).toBe(true);
    }
    expect(new Set(V4_ROUTES.map((r) => r.category)).size).toBe(V4_ROUTES.length);
  });

  it("limits 'frameio' holds each route's published limit", () => {
    for (const route of V4_ROUTES) {
      const op = operations.find((o) => o.op.operationId === route.category)?.op;
      expect(FRAMEIO_LIMITS[route.category], route.category).toEqual(published(op?.description));
    }
  });
});
