// What a queue row says: each state in words, and a failure's first sentence in words a person can act on.
import { describe, expect, it } from 'vitest';
import { humanError, rowStatus } from '../../../src/renderer/features/uploads/row-status';
import { uploadRow } from './fake-api';

describe('humanError', () => {
  it.each([
    ['the file changed while it was uploading', 'File changed while uploading — retry from the start?'],
    ['/footage/A001.mov was modified after the scan', 'File changed while uploading — retry from the start?'],
    ["ENOENT: no such file or directory, open '/footage/A001.mov'", 'The file is gone from disk — put it back and retry'],
    ["EACCES: permission denied, open '/footage/A001.mov'", 'Ferry is not allowed to read this file'],
    ['EPERM: operation not permitted', 'Ferry is not allowed to read this file'],
    ['Frame.io answered 401', 'Frame.io no longer accepts the token — sign in again, then retry'],
    ['Unauthorized', 'Frame.io no longer accepts the token — sign in again, then retry'],
    ['the upload URLs expired 3 times; giving up', 'The upload link expired — retry to get a new one'],
  ])('%s', (error, text) => {
    expect(humanError(error)).toBe(text);
  });

  it('a JSON parse error or a file name with 401 in it is not about the sign-in token', () => {
    expect(humanError('Unexpected token < in JSON at position 0')).not.toMatch(/sign in again/);
    expect(humanError('B401_C002.mov: socket hang up')).not.toMatch(/sign in again/);
  });

  it('no error text is just "Failed"', () => {
    expect(humanError(null)).toBe('Failed');
    expect(humanError('')).toBe('Failed');
  });

  it('otherwise the first sentence or line, without what follows', () => {
    expect(humanError('S3 refused the part. Code: InternalError. Request id: 4F2A.')).toBe('S3 refused the part.');
    expect(humanError('socket hang up\n    at TLSSocket.onConnectEnd (node:_tls_wrap:1)')).toBe('socket hang up');
    expect(humanError('Is the server up? It did not answer')).toBe('Is the server up?');
  });

  it('cuts a long first sentence at 120 characters', () => {
    const text = humanError(`${'a'.repeat(200)} tail`);
    expect(text).toHaveLength(118);
    expect(text.endsWith('a…')).toBe(true);
  });
});

describe('rowStatus', () => {
  it.each([
    ['queued', 'Waiting', 'muted'],
    ['creating', 'Preparing', 'muted'],
    ['paused', 'Paused', 'muted'],
    ['offline', 'Network lost — waiting to reconnect', 'warning'],
    ['confirming', 'Verifying', 'accent'],
    ['completed', 'Done', 'success'],
    ['skipped', 'Skipped — already in Frame.io', 'muted'],
    ['canceled', 'Canceled', 'muted'],
  ] as const)('%s reads "%s"', (status, text, tone) => {
    expect(rowStatus(uploadRow(1, { status }))).toEqual({ text, tone });
  });

  it('an upload reads "Uploading" once bytes move, "Waiting" until then (its parts wait for a connection)', () => {
    expect(rowStatus(uploadRow(1, { status: 'uploading', sentBytes: 0, acknowledgedBytes: 0 }))).toEqual({ text: 'Waiting', tone: 'muted' });
    expect(rowStatus(uploadRow(1, { status: 'uploading', sentBytes: 1 }))).toEqual({ text: 'Uploading', tone: 'accent' });
  });

  it('an upload that needed retries says so, as a warning', () => {
    expect(rowStatus(uploadRow(1, { status: 'uploading', sentBytes: 10, retries: 2 }))).toEqual({ text: 'Uploading · retried 2×', tone: 'warning' });
  });

  it('a failure reads as its human error', () => {
    expect(rowStatus(uploadRow(1, { status: 'failed', error: 'ENOENT: gone' }))).toEqual({ text: 'The file is gone from disk — put it back and retry', tone: 'danger' });
  });
});
