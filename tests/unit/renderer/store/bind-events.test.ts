// Events main pushes reach the store through one binding, and the function it returns unbinds every one of them.
import { describe, expect, it } from 'vitest';
import { bindEvents } from '../../../../src/renderer/store/bind-events';
import { createAppStore } from '../../../../src/renderer/store/index';
import type { EventChannel } from '../../../../src/shared/ipc/contract';
import { createFakeApi, SIGNED_OUT, uploadRow } from '../fake-api';

const EVENTS: EventChannel[] = ['uploads:progress', 'uploads:state', 'auth:changed', 'network:changed'];

describe('bindEvents', () => {
  it('puts each event into the store', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(api, store);

    api.emit('uploads:progress', { rows: [uploadRow(1, { status: 'uploading', sentBytes: 10 }), uploadRow(2)] });
    expect(store.getState().order).toEqual([1, 2]);
    api.emit('uploads:state', { row: uploadRow(2, { status: 'failed', error: 'ENOENT' }) });
    expect(store.getState().rows[2]?.status).toBe('failed');

    api.emit('network:changed', { online: false });
    expect(store.getState().online).toBe(false);
    api.emit('network:changed', { online: true });
    expect(store.getState().online).toBe(true);

    api.emit('auth:changed', SIGNED_OUT);
    expect(store.getState().auth).toEqual(SIGNED_OUT);
  });

  it('subscribes once to each event, and the returned function unsubscribes all of them', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    const off = bindEvents(api, store);
    expect(EVENTS.map((e) => api.listenerCount(e))).toEqual([1, 1, 1, 1]);
    off();
    expect(EVENTS.map((e) => api.listenerCount(e))).toEqual([0, 0, 0, 0]);

    api.emit('uploads:state', { row: uploadRow(1) });
    api.emit('network:changed', { online: false });
    expect(store.getState()).toMatchObject({ order: [], online: true });
  });
});
