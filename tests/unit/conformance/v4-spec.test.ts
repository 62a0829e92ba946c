// The conformance layer itself: it must catch a request or a response that strays from Frame.io's V4 specification,
// and pass one that follows it.
import { describe, expect, it } from 'vitest';
import { checkExchange, type Exchange } from '../../support/v4-conformance';

const RATE = { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-window': '1000' };
const ACCOUNT = '2b8f1b38-91a5-4d8b-9d57-58b1f1d1f001';
const FOLDER = '2b8f1b38-91a5-4d8b-9d57-58b1f1d1f002';
const FILE = '2b8f1b38-91a5-4d8b-9d57-58b1f1d1f003';
const PROJECT = '2b8f1b38-91a5-4d8b-9d57-58b1f1d1f004';

const created = {
  id: FILE, name: 'clip.mov', type: 'file', status: 'created', file_size: 10, media_type: 'video/quicktime', parent_id: FOLDER, project_id: PROJECT,
  created_at: '2026-12-07T10:00:00Z', updated_at: '2026-12-07T10:00:00Z', view_url: 'https://next.frame.io/project/x/view/y',
  upload_urls: [{ size: 10, url: 'https://storage.example/parts/1?X-Amz-Signature=abc' }],
};

const localUpload = (requestBody: unknown, responseBody: unknown, status = 201): Exchange => ({
  method: 'POST',
  path: `/v4/accounts/${ACCOUNT}/folders/${FOLDER}/files/local_upload`,
  query: {},
  headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
  requestBody,
  status,
  responseHeaders: RATE,
  responseBody,
});

describe('V4 conformance checks', () => {
  it('passes a local_upload that follows the spec', async () => {
    expect(await checkExchange(localUpload({ data: { name: 'clip.mov', file_size: 10 } }, { data: created }))).toEqual([]);
  });

  it('catches a request the spec forbids (media_type is not a local_upload field)', async () => {
    const problems = await checkExchange(localUpload({ data: { name: 'clip.mov', file_size: 10, media_type: 'video/quicktime' } }, { data: created }));
    expect(problems.join('\n')).toMatch(/request \(files\.create_local_upload\).*additional properties/);
  });

  it('catches a response the spec forbids (an upload URL without its size), a missing rate-limit header and an undeclared status', async () => {
    const bad = { data: { ...created, upload_urls: [{ url: 'https://storage.example/parts/1' }] } };
    const problems = await checkExchange({ ...localUpload({ data: { name: 'clip.mov', file_size: 10 } }, bad), responseHeaders: { 'x-ratelimit-limit': '5' } });
    expect(problems.join('\n')).toMatch(/→ 201 body \(files\.create_local_upload\).*size/);
    expect(problems.join('\n')).toMatch(/no x-ratelimit-remaining header/);
    expect((await checkExchange(localUpload({ data: { name: 'a', file_size: 1 } }, {}, 418))).join('\n')).toMatch(/418: not a status the spec declares/);
  });

  it('checks asset responses too: a file show passes as published (the spec\'s own defects repaired), a wrong status value does not', async () => {
    const { upload_urls: _urls, ...file } = created;
    const show = (body: unknown): Exchange => ({ method: 'GET', path: `/v4/accounts/${ACCOUNT}/files/${FILE}`, query: {}, headers: { authorization: 'Bearer t' }, requestBody: undefined, status: 200, responseHeaders: RATE, responseBody: body });
    expect(await checkExchange(show({ data: file }))).toEqual([]);
    expect((await checkExchange(show({ data: { ...file, status: 'stitched' } }))).join('\n')).toMatch(/→ 200 body \(files\.show\)/);
  });

  it('names a route that is not in the spec', async () => {
    expect(await checkExchange({ ...localUpload({}, {}), path: `/v4/accounts/${ACCOUNT}/uploads` })).toEqual([`POST /v4/accounts/${ACCOUNT}/uploads: no such operation in the V4 spec`]);
  });
});
