// Conformance, mechanically: a proxy on 127.0.0.1 between a V4 client and a V4 server (the sandbox) that checks every
// request against Frame.io's published V4 specification (tests/fixtures/frameio-v4/openapi.json) and every response
// too (status, body, rate-limit headers), with openapi-backend (ajv). Tests point the client at `proxy.apiUrl` and
// finish with `expect(proxy.violations).toEqual([])`. It forwards bytes unchanged: it only watches.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import OpenAPIBackend from 'openapi-backend';

const SPEC_FILE = fileURLToPath(new URL('../fixtures/frameio-v4/openapi.json', import.meta.url));
let backend: Promise<OpenAPIBackend> | null = null;

/**
 * Two defects of the published document would make every asset response fail whatever the server answers; both are
 * repaired in memory (the fixture stays as published):
 * 1. Some `enum` lists repeat a value (e.g. `MetadataField.field_type`), and ajv refuses to compile any schema that
 *    reaches one: ajv's check of the schemas themselves is off (`validateSchema: false`).
 * 2. `FileWithIncludes` says `additionalProperties: false` beside an `allOf` and no `properties` of its own, which in
 *    JSON Schema forbids every property: such a schema gets its `allOf` members' property names as its own.
 */
type Schema = { properties?: Record<string, unknown>; allOf?: Schema[] };
const propertyNames = (schema: Schema): string[] => [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap(propertyNames)];

function repair(definition: unknown): unknown {
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const schema = node as Schema & { additionalProperties?: unknown };
    if (schema.additionalProperties === false && Array.isArray(schema.allOf) && schema.properties === undefined) {
      schema.properties = Object.fromEntries(propertyNames(schema).map((name) => [name, {}]));
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(definition);
  return definition;
}

/** The spec, parsed once per test process (it is 0.9 MB with 300 schemas). */
export function v4Spec(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const definition = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as ConstructorParameters<typeof OpenAPIBackend>[0]['definition'];
    const api = new OpenAPIBackend({
      definition,
      strict: false,
      quick: true,
      validate: true,
      ajvOpts: { strict: false, validateSchema: false },
      // The spec's formats (date-time, uuid, uri…) are checked, not just named: ajv knows none by itself.
      customizeAjv: (ajv) => {
        addFormats(ajv);
        // The document also writes `datetime` (no dash) in a few metadata schemas: the same thing, under a typo.
        ajv.addFormat('datetime', fullFormats['date-time']);
        return ajv;
      },
    });
    await api.init();
    // After init the $refs are resolved, so an allOf's members show their properties; validators compile lazily (quick).
    repair(api.definition);
    return api;
  })();
  return backend;
}

export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string | string[] | undefined>;
  responseBody: unknown;
}

/** What the spec says about one exchange: an empty list when it conforms. */
export async function checkExchange(x: Exchange): Promise<string[]> {
  const api = await v4Spec();
  const where = `${x.method} ${x.path}`;
  const request = { method: x.method.toLowerCase(), path: x.path, query: x.query, headers: x.headers, ...(x.requestBody === undefined ? {} : { body: x.requestBody }) };
  const operation = api.matchOperation(request);
  if (!operation) return [`${where}: no such operation in the V4 spec`];
  const problems: string[] = [];
  const describe = (errors: Array<{ instancePath?: string; message?: string }> | null | undefined) =>
    (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim()).join('; ');
  const req = api.validateRequest(request, operation);
  if (!req.valid) problems.push(`${where} request (${operation.operationId}): ${describe(req.errors)}`);
  const declared = Object.keys(operation.responses ?? {});
  if (!declared.includes(String(x.status))) problems.push(`${where} → ${x.status}: not a status the spec declares for ${operation.operationId} (${declared.join(', ')})`);
  else if (x.status !== 204) {
    const res = api.validateResponse(x.responseBody, operation, x.status);
    if (!res.valid) problems.push(`${where} → ${x.status} body (${operation.operationId}): ${describe(res.errors)}`);
  }
  for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-window']) {
    if (x.responseHeaders[header] === undefined) problems.push(`${where} → ${x.status}: no ${header} header (the spec requires it on every response)`);
  }
  return problems;
}

const parseJson = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export interface ConformanceProxy {
  /** The API URL to give the client: the target's path on the proxy's origin. */
  apiUrl: string;
  readonly violations: string[];
  readonly exchanges: number;
  /** Resolves once every exchange so far has been checked. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a checking proxy in front of `targetApiUrl` (e.g. the sandbox's `…/v4`). */
export async function startConformanceProxy(targetApiUrl: string): Promise<ConformanceProxy> {
  await v4Spec();
  const target = new URL(targetApiUrl);
  const violations: string[] = [];
  const checks = new Set<Promise<void>>();
  let exchanges = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
        const out: Buffer[] = [];
        answer.on('data', (c: Buffer) => out.push(c));
        answer.on('end', () => {
          const responseBody = Buffer.concat(out);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(responseBody);
          const url = new URL(req.url ?? '/', 'http://proxy.invalid');
          exchanges++;
          const check = checkExchange({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
            requestBody: parseJson(body.toString('utf8')),
            status: answer.statusCode ?? 0,
            responseHeaders: answer.headers,
            responseBody: parseJson(responseBody.toString('utf8')),
          }).then((found) => void violations.push(...found), (error: Error) => void violations.push(`checker failed: ${error.message}`));
          checks.add(check);
          void check.finally(() => checks.delete(check));
        });
      });
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(error.message);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    get violations() {
      return violations;
    },
    get exchanges() {
      return exchanges;
    },
    async drained() {
      await Promise.all(checks);
    },
    async close() {
      await Promise.all(checks);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
