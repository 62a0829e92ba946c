// The banner for uploads paused before the app last quit: the next launch resumes interrupted uploads by itself but
// keeps the ones the person paused paused (decision 0008); the window says so once and resumes them all on request.
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Banners } from '../../../../src/renderer/features/uploads/banners';
import { uploadRow } from '../fake-api';
import { queueStore, renderWithStore } from '../render';

const banner = () => (screen.queryByText(/from last time/)?.closest('.banner') ?? null) as HTMLElement | null;

describe('Banners: paused uploads from last time', () => {
  it('names how many are paused, and Resume all resumes exactly those', async () => {
    const rows = [
      uploadRow(0, { batchId: 'old', status: 'paused', acknowledgedBytes: 400 }),
      uploadRow(1, { batchId: 'old', status: 'paused' }),
      uploadRow(2, { batchId: 'old', status: 'completed' }),
    ];
    const { api, store } = queueStore(rows);
    renderWithStore(<Banners />, api, store);
    expect(banner()?.textContent).toContain('2 uploads from last time are paused.');
    await userEvent.setup().click(within(banner()!).getByRole('button', { name: 'Resume all' }));
    expect(api.uploads.resume).toHaveBeenCalledWith({ ids: [0, 1] });
    act(() => store.getState().applyRows(rows.map((r) => ({ ...r, status: r.status === 'paused' ? 'uploading' : r.status }))));
    expect(banner()).toBeNull();
  });

  it('one is "1 upload … is paused"', async () => {
    const { api, store } = queueStore([uploadRow(0, { batchId: 'old', status: 'paused' })]);
    renderWithStore(<Banners />, api, store);
    expect(banner()?.textContent).toContain('1 upload from last time is paused.');
  });

  it('says nothing of uploads paused in this window (their batch was started here)', async () => {
    const { api, store } = queueStore([uploadRow(0, { batchId: 'mine', status: 'paused' })]);
    act(() => store.getState().noteBatchFolder('mine', 'f-day1'));
    renderWithStore(<Banners />, api, store);
    expect(banner()).toBeNull();
  });

  it('Dismiss hides it and leaves them paused', async () => {
    const { api, store } = queueStore([uploadRow(0, { batchId: 'old', status: 'paused' })]);
    renderWithStore(<Banners />, api, store);
    await userEvent.setup().click(within(banner()!).getByRole('button', { name: 'Dismiss' }));
    expect(banner()).toBeNull();
    expect(api.uploads.resume).not.toHaveBeenCalled();
  });
});
