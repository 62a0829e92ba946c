// V2 pages every list, not only a folder's children (docs/frameio-api.md "V2" › lists; fioctl pages a team's
// projects and /projects/shared): accounts, teams, projects and shared projects are read to the last page. Before,
// one request was made and whatever followed the first page (the sandbox's 50 by default) was silently lost.
import { describe, expect, it } from 'vitest';
import { V2Client } from '../../../../src/core/frameio/v2-client';
import { useLocalServer } from '../../../support/local-server';

const local = useLocalServer();

const DEFAULT_PAGE_SIZE = 50; // what a server may use when the client names none

/** A V2-like server whose every list route has `count` items, paged by `page`/`page_size` with total-pages. */
async function pagedServer(count: number, make: (i: number) => object): Promise<{ base: string; paths: string[] }> {
  const paths: string[] = [];
  const base = await local.serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    paths.push(url.pathname + url.search);
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('page_size') ?? DEFAULT_PAGE_SIZE);
    const all = Array.from({ length: count }, (_, i) => make(i));
    res.writeHead(200, { 'content-type': 'application/json', 'total-pages': String(Math.ceil(count / size)), total: String(count) });
    res.end(JSON.stringify(all.slice((page - 1) * size, page * size)));
  });
  return { base, paths };
}

const project = (i: number) => ({ id: `p${i}`, name: `Project ${i}`, team_id: 't', root_asset_id: `r${i}` });

describe('V2 lists are read to the last page', () => {
  it('a team with 230 projects lists all 230', async () => {
    const api = await pagedServer(230, project);
    const projects = await new V2Client({ baseUrl: api.base, token: 't' }).listProjects({ id: 't', accountId: 'a', name: 'T' });
    expect(projects.map((p) => p.id)).toEqual(Array.from({ length: 230 }, (_, i) => `p${i}`));
    expect(api.paths.every((p) => /page=\d+/.test(p))).toBe(true);
  });

  it('shared projects, teams and accounts too', async () => {
    const api = await pagedServer(120, (i) => ({ ...project(i), id: `x${i}`, account_id: 'a', display_name: `A${i}`, name: `N${i}` }));
    const client = new V2Client({ baseUrl: api.base, token: 't' });
    expect(await client.listSharedProjects()).toHaveLength(120);
    expect(await client.listWorkspaces('a')).toHaveLength(120);
    expect(await client.listAccounts()).toHaveLength(120);
  });

  it('a server that ignores paging (no total-pages, a short list) is read once', async () => {
    const paths: string[] = [];
    const base = await local.serve((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([project(1), project(2)]));
    });
    expect(await new V2Client({ baseUrl: base, token: 't' }).listProjects({ id: 't', accountId: 'a', name: 'T' })).toHaveLength(2);
    expect(paths).toHaveLength(1);
  });
});
