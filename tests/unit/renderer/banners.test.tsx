// The window-wide banners: network lost, and Frame.io's "slow down" with a countdown that ends by itself.
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Banners } from '../../../src/renderer/features/uploads/banners';
import { bindEvents } from '../../../src/renderer/store/bind-events';
import { createAppStore } from '../../../src/renderer/store/index';
import { createFakeApi, uploadRow } from './fake-api';
import { renderWithStore } from './render';

afterEach(() => vi.useRealTimers());

describe('banners', () => {
  it('says the network is gone while files wait for it', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    renderWithStore(<Banners />, api, store);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => store.getState().applyRows([uploadRow(1, { status: 'offline' })]));
    expect(screen.getByRole('status').textContent).toMatch(/Network lost — waiting to reconnect/);
  });

  it('counts down Frame.io\'s slow-down from the pushed event, then goes away', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(api, store);
    renderWithStore(<Banners />, api, store);
    act(() => api.emit('service:slowDown', { waitSeconds: 8 }));
    expect(screen.getByRole('status').textContent).toMatch(/Frame.io asked us to slow down — resuming in 8 s/);
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByRole('status').textContent).toMatch(/resuming in 5 s/);
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('warnings from main', () => {
  it('show once each until dismissed', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(api, store);
    renderWithStore(<Banners />, api, store);
    const message = 'The upload journal cannot be written (EACCES): uploads cannot be resumed after a crash.';
    act(() => api.emit('uploads:warning', { message }));
    act(() => api.emit('uploads:warning', { message }));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toContain(message);
    act(() => screen.getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
