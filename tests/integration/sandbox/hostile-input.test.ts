// Bad input gets a clear 4xx in the shape of the API asked, never a 500 ("Trust under fire", finding 3: a malformed
// `%` in an id answered 500). Every V2 and V4 route is called with odd ids, query strings and JSON bodies; so are the
// sign-in server, the originals, the test endpoints and the storage server.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes } from '../../../src/sandbox/api/routes-account.js';
import { assetRoutes } from '../../../src/sandbox/api/routes-assets.js';
import type { Route } from '../../../src/sandbox/api/route-types.js';
import { V4_ROUTES } from '../../../src/sandbox/v4/routes.js';
import { createFile, startHarness, type Harness } from './helpers.js';

const BAD_IDS = ['%', '%zz', '%E0%A4%A', '%FF', '%00', '%2e%2e', '%2F', 'x'.repeat(4000), '%C3%BC%C3%AF', 'null', '-1', '0'];
const QUERIES = [
  '?page=abc', '?page=-1', '?page=1e400', '?page_size=0', '?page_size=99999999999999999999', '?page_size=x', '?page=1&page=2',
  '?after=%zz', '?after=garbage', '?after=', '?type=nothing', '?type=', '?type=file,%zz', '?include_total_count=maybe', '?%zz=1', '?%',
];
const BODIES = [
  '', 'null', '[]', '"x"', '1', '{', '{"data":null}', '{"data":[]}', '{"data":"x"}', '{"data":{"name":{}}}', '{"name":["x"]}',
  '{"type":"file","name":"x","filesize":1e400}', '{"type":"file","name":"x","filesize":-1}', '{"type":"file","name":"x","filesize":"5"}',
  '{"type":"file","name":"x","filesize":5,"filetype":"%zz"}', '{"type":"file","name":"x","source":{"url":"%zz"}}', '{"type":"folder","name":""}',
  '{"data":{"name":"x","file_size":1e400}}', '{"data":{"name":"x","file_size":"1"}}', '{"data":{"name":"x","source_url":"http://%zz"}}',
  '{"data":{"file_ids":"x"}}', '{"data":{"file_ids":[1,2]}}', '{"data":{"parent_id":{}}}', '{"next_asset_id":null}',
  '{"__proto__":{"polluted":1},"data":{"__proto__":{"x":1}}}', `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
];

/** The route's path with each `([^/]+)` slot filled in turn from `slots`. */
function pathOf(route: Route, slots: string[]): string {
  let i = 0;
  return route.pattern.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/').replace(/\(\[\^\/\]\+\)/g, () => slots[i++] ?? slots.at(-1) ?? 'x');
}

interface Answer {
  status: number;
  body: string;
}

/** A raw request: fetch would normalise some of these paths, and the server must see them as sent. */
function send(origin: string, method: string, path: string, token: string | undefined, body?: string, type = 'application/json'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) Object.assign(headers, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
    const req = request(`${origin}${path.startsWith('/') ? '' : '/'}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** V2 answers {code, message, errors}, V4 {errors:[{detail}]}: anything else (or a 5xx) is a finding. */
function problem(api: 'v2' | 'v4', a: Answer): string | undefined {
  if (a.status >= 500 || a.status === 0) return `answered ${a.status}`;
  if (a.status < 400) return undefined;
  let parsed: { errors?: { detail?: unknown }[]; code?: unknown };
  try {
    parsed = JSON.parse(a.body) as typeof parsed;
  } catch {
    return `${a.status} body is not JSON: ${a.body.slice(0, 80)}`;
  }
  const detail = parsed.errors?.[0]?.detail;
  if (typeof detail !== 'string' || detail === '') return `${a.status} without an error detail`;
  if (api === 'v2' && parsed.code !== a.status) return `${a.status} V2 body without its code`;
  return undefined;
}

let h: Harness;
let origin = '';
let ids: Record<'v2' | 'v4', string[][]> = { v2: [], v4: [] };

beforeAll(async () => {
  h = await startHarness();
  origin = h.sb.apiUrl.replace(/\/v2$/, '');
  const file = await createFile(h, h.sb.rootAssetId, 'clip.mov', 10);
  const me = (await (await h.api('/me')).json()) as { account_id: string };
  const teams = (await (await h.api(`/accounts/${me.account_id}/teams`)).json()) as { id: string }[];
  const project = ((await (await h.api(`/teams/${teams[0]?.id}/projects`)).json()) as { id: string }[])[0]?.id ?? '';
  const good = [h.sb.rootAssetId, file.id, project, teams[0]?.id ?? ''];
  // Real ids in every slot but one, which gets each bad id: so the bad one reaches the code behind the slot.
  const v2Slots = BAD_IDS.map((bad) => [bad]).concat(good.map((g) => [g]));
  const v4Slots = BAD_IDS.flatMap((bad) => [[h.sb.accountId, bad, bad], [bad, h.sb.rootFolderId, file.id], [h.sb.accountId, h.sb.rootFolderId, bad]]).concat(
    good.map((g) => [h.sb.accountId, g, g]),
  );
  ids = { v2: v2Slots, v4: v4Slots };
});

afterAll(async () => {
  await h.close();
});

describe('hostile input: never a 500, always the API shape', () => {
  it.each(['v2', 'v4'] as const)('%s: every route with odd ids, query strings and bodies', async (api) => {
    const routes = api === 'v2' ? [...accountRoutes, ...assetRoutes] : V4_ROUTES;
    const findings: string[] = [];
    let calls = 0;
    for (const route of routes.filter((r) => r.method !== 'DELETE')) {
      for (const slots of ids[api]) {
        const path = pathOf(route, slots);
        const variants = route.method === 'GET' ? QUERIES.map((q) => ({ path: `${path}${q}`, body: undefined })) : BODIES.map((b) => ({ path, body: b }));
        const answers = await Promise.all(variants.map(async (v) => ({ v, a: await send(origin, route.method, v.path, h.sb.token, v.body) })));
        calls += answers.length;
        for (const { v, a } of answers) {
          const found = problem(api, a);
          if (found) findings.push(`${route.method} ${v.path.slice(0, 120)} ${v.body?.slice(0, 60) ?? ''}: ${found}`);
        }
      }
    }
    // Deletes last (they change what the other calls see), with odd ids only.
    for (const route of routes.filter((r) => r.method === 'DELETE')) {
      for (const slots of ids[api].slice(0, BAD_IDS.length * (api === 'v2' ? 1 : 3))) {
        const a = await send(origin, 'DELETE', pathOf(route, slots), h.sb.token);
        calls += 1;
        const found = problem(api, a);
        if (found) findings.push(`DELETE ${pathOf(route, slots).slice(0, 120)}: ${found}`);
      }
    }
    expect(findings).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  });

  it('odd ids without a token are still a 401, not a 500', async () => {
    for (const bad of BAD_IDS) {
      for (const path of [`/v2/assets/${bad}`, `/v4/accounts/${bad}/folders/${bad}`]) {
        const a = await send(origin, 'GET', path, undefined);
        expect(a.status, path).toBe(401);
      }
    }
  });

  it('the sign-in server, originals and test endpoints answer odd input with a 4xx', async () => {
    const findings: string[] = [];
    const paths = [
      ...BAD_IDS.map((b) => ['GET', `/originals/${b}/name?sig=${b}`]),
      ...BAD_IDS.map((b) => ['GET', `/_sandbox/${b}`]),
      ...BAD_IDS.map((b) => ['GET', `/ims/${b}`]),
      ...QUERIES.map((q) => ['GET', `/ims/authorize/v2${q}&client_id=%zz&redirect_uri=%&code_challenge=%FF`]),
      ['GET', '/ims/authorize/v2?client_id=ferry-sandbox&client_id=ferry-sandbox'],
      ['GET', '/%zz'],
      ['GET', '/v2/%'],
      ['GET', '/v4/%zz'],
    ];
    for (const [method, path] of paths) {
      const a = await send(origin, method ?? 'GET', path ?? '/', h.sb.token);
      if (a.status >= 500 || a.status < 400) findings.push(`${method} ${path?.slice(0, 100)}: ${a.status}`);
    }
    for (const body of ['', 'a=%zz', 'grant_type=%', 'grant_type=refresh_token&refresh_token=%FF&client_id=ferry-sandbox', '%%%', 'x'.repeat(20_000)]) {
      for (const path of ['/ims/token/v3', '/ims/revoke', '/ims/authorize/v2']) {
        const a = await send(origin, 'POST', path, undefined, body, 'application/x-www-form-urlencoded');
        if (a.status >= 500 || a.status < 400) findings.push(`POST ${path} ${body.slice(0, 40)}: ${a.status}`);
      }
    }
    for (const body of ['{', '[]', '{"put500":2}', '{"seed":"x"}', '{"nope":1}']) {
      const a = await send(origin, 'PUT', '/_sandbox/faults', h.sb.token, body);
      if (a.status !== 400 && a.status !== 422) findings.push(`PUT /_sandbox/faults ${body}: ${a.status}`);
    }
    expect(findings).toEqual([]);
  });

  it('the storage server answers odd keys and queries with an S3 error, not a 500', async () => {
    const storage = h.sb.storageListenUrl;
    const file = await createFile(h, h.sb.rootAssetId, 'odd.mov', 10);
    const signed = new URL(file.upload_urls[0] ?? '');
    const findings: string[] = [];
    const targets = [
      ...BAD_IDS.map((b) => `/frameio-uploads/parts/${b}/part_1${signed.search}`),
      ...BAD_IDS.map((b) => `/frameio-uploads/${b}${signed.search}`),
      ...BAD_IDS.map((b) => `/${b}/parts/x/part_1?X-Amz-Signature=${b}`),
      `${signed.pathname}?X-Amz-Date=%zz&X-Amz-Expires=%`,
      `${signed.pathname}${signed.search}&X-Amz-Expires=%zz`,
      `${signed.pathname}${signed.search.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=1e400')}`,
      `${signed.pathname}${signed.search.replace(/X-Amz-Date=[^&]+/, 'X-Amz-Date=%FF')}`,
    ];
    for (const path of targets) {
      const a = await send(storage, 'PUT', path, undefined, 'x'.repeat(10), 'application/octet-stream');
      if (a.status >= 500 || a.status < 400 || !a.body.includes('<Error>')) findings.push(`PUT ${path.slice(0, 100)}: ${a.status} ${a.body.slice(0, 80)}`);
    }
    expect(findings).toEqual([]);
  });
});
