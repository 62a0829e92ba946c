// The upload queue: rows with readable progress bars, filters, bulk actions, per-row buttons, and the keyboard
// (Space pauses or resumes, Delete cancels, R retries the selected row).
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { QueuePanel } from '../../../../src/renderer/features/uploads/queue-panel';
import type { UploadRow } from '../../../../src/shared/ipc/schemas';
import { uploadRow } from '../fake-api';
import { queueStore, renderWithStore } from '../render';

const QUEUE: UploadRow[] = [
  uploadRow(1, { name: 'A001.mov', status: 'uploading', size: 1_000, acknowledgedBytes: 500, sentBytes: 600, bytesPerSecond: 100, etaSeconds: 5 }),
  uploadRow(2, { name: 'B001.mov', status: 'failed', size: 1_000, error: "ENOENT: no such file or directory, open '/footage/B001.mov'" }),
  uploadRow(3, { name: 'C001.mov', status: 'completed', size: 1_000, acknowledgedBytes: 1_000, sentBytes: 1_000 }),
  uploadRow(4, { name: 'D001.mov', status: 'paused', size: 1_000, acknowledgedBytes: 200, sentBytes: 200 }),
  uploadRow(5, { name: 'E001.mov', status: 'canceled', size: 1_000 }),
];

function renderQueue(rows: UploadRow[] = QUEUE) {
  const { api, store } = queueStore(rows);
  const user = userEvent.setup();
  return { ...renderWithStore(<QueuePanel />, api, store), user };
}

const queueGrid = () => screen.getByRole('grid', { name: 'Upload queue' });
const shownIds = () => within(queueGrid()).queryAllByRole('row').map((row) => Number(row.dataset.uploadId));
const queueRow = (id: number) => within(queueGrid()).getAllByRole('row').find((row) => row.dataset.uploadId === String(id))!;

describe('QueuePanel rows', () => {
  it('a moving upload has a progress bar screen readers can read', () => {
    renderQueue();
    const bar = screen.getByRole('progressbar', { name: 'A001.mov progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50'); // acknowledged bytes, not merely sent
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuetext')).toBe('50 %, 100 B sending, 5 s left');
    expect(within(queueRow(1)).getByText('Uploading')).toBeTruthy();
    expect(within(queueRow(1)).getByText('100 B/s')).toBeTruthy();
  });

  it('bytes in flight show as a lighter segment while uploading only', () => {
    renderQueue();
    const inFlight = (name: string) => (screen.getByRole('progressbar', { name: `${name} progress` }).querySelector('.progress__inflight') as HTMLElement).style.width;
    expect(inFlight('A001.mov')).toBe('10%'); // 600 sent, 500 acknowledged, of 1,000
    expect(inFlight('D001.mov')).toBe('0%'); // paused: nothing in flight
  });

  it('a completed upload is a full bar; failed and canceled ones have none', () => {
    renderQueue();
    expect(screen.getByRole('progressbar', { name: 'C001.mov progress' }).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.queryByRole('progressbar', { name: 'B001.mov progress' })).toBeNull();
    expect(screen.queryByRole('progressbar', { name: 'E001.mov progress' })).toBeNull();
  });

  it('a failed row says what went wrong, with the full text behind Details', async () => {
    const { user } = renderQueue();
    const row = queueRow(2);
    expect(within(row).getByText('The file is gone from disk — put it back and retry')).toBeTruthy();
    const details = within(row).getByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    await user.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    expect(within(row).getByText("ENOENT: no such file or directory, open '/footage/B001.mov'")).toBeTruthy();
  });

  it('each row offers the actions its state allows', async () => {
    const { api, user } = renderQueue();
    const buttons = (id: number) => within(queueRow(id)).queryAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(buttons(1)).toEqual(['Pause A001.mov', 'Cancel A001.mov']);
    expect(buttons(2)).toEqual(['Details', 'Retry B001.mov']);
    expect(buttons(3)).toEqual([]);
    expect(buttons(4)).toEqual(['Resume D001.mov', 'Cancel D001.mov']);
    expect(buttons(5)).toEqual(['Retry E001.mov']);

    await user.click(screen.getByRole('button', { name: 'Pause A001.mov' }));
    await user.click(screen.getByRole('button', { name: 'Resume D001.mov' }));
    await user.click(screen.getByRole('button', { name: 'Cancel D001.mov' }));
    await user.click(screen.getByRole('button', { name: 'Retry B001.mov' }));
    expect(api.uploads.pause).toHaveBeenCalledWith({ ids: [1] });
    expect(api.uploads.resume).toHaveBeenCalledWith({ ids: [4] });
    expect(api.uploads.cancel).toHaveBeenCalledWith({ ids: [4] });
    expect(api.uploads.retry).toHaveBeenCalledWith({ ids: [2] });
    await waitFor(() => expect(queueRow(2).dataset.status).toBe('queued'));
    expect(shownIds()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('QueuePanel keyboard', () => {
  it('clicking selects a row: it becomes the tab stop', async () => {
    const { store, user } = renderQueue();
    await user.click(queueRow(4));
    expect(store.getState().selectedUploadId).toBe(4);
    expect(queueRow(4).getAttribute('aria-selected')).toBe('true');
    expect(queueRow(4).tabIndex).toBe(0);
    expect(queueRow(1).tabIndex).toBe(-1);
  });

  const CONTROLS = ['pause', 'resume', 'cancel', 'retry'] as const;

  it.each([
    ['Space pauses an uploading row', 1, ' ', 'pause'],
    ['Space resumes a paused row', 4, ' ', 'resume'],
    ['Delete cancels an uploading row', 1, '{Delete}', 'cancel'],
    ['Delete cancels a paused row', 4, '{Delete}', 'cancel'],
    ['r retries a failed row', 2, 'r', 'retry'],
    ['r retries a canceled row', 5, 'r', 'retry'],
  ] as const)('%s', async (_, id, key, control) => {
    const { api, user } = renderQueue();
    await user.click(queueRow(id));
    await user.keyboard(key);
    expect(api.uploads[control]).toHaveBeenCalledWith({ ids: [id] });
    for (const other of CONTROLS.filter((c) => c !== control)) expect(api.uploads[other]).not.toHaveBeenCalled();
  });

  it('R (with Shift) retries too', async () => {
    const { api, user } = renderQueue([uploadRow(1, { status: 'failed' })]);
    await user.click(queueRow(1));
    await user.keyboard('R');
    expect(api.uploads.retry).toHaveBeenCalledWith({ ids: [1] });
  });

  it.each([
    ['Delete on a completed row', 3, '{Delete}'],
    ['Delete on a failed row', 2, '{Delete}'],
    ['r on an uploading row', 1, 'r'],
    ['r on a completed row', 3, 'r'],
  ] as const)('%s does nothing', async (_, id, key) => {
    const { api, user } = renderQueue();
    await user.click(queueRow(id));
    await user.keyboard(key);
    for (const control of CONTROLS) expect(api.uploads[control]).not.toHaveBeenCalled();
  });

  it('a row retried from the keyboard stays where it is, selected, and waits to upload again', async () => {
    const { store, user } = renderQueue();
    await user.click(queueRow(2));
    await user.keyboard('r');
    await waitFor(() => expect(within(queueRow(2)).getByText('Waiting')).toBeTruthy());
    expect(shownIds()).toEqual([1, 2, 3, 4, 5]);
    expect(store.getState().selectedUploadId).toBe(2);
    expect(queueRow(2).getAttribute('aria-selected')).toBe('true');
  });

  it('ArrowDown and ArrowUp move the selection and the focus', async () => {
    const { store, user } = renderQueue();
    await user.click(queueRow(1));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(store.getState().selectedUploadId).toBe(3);
    await waitFor(() => expect(document.activeElement).toBe(queueRow(3)));
    await user.keyboard('{ArrowUp}');
    expect(store.getState().selectedUploadId).toBe(2);
  });
});

describe('QueuePanel tools', () => {
  it('the filter radios show all, active, failed or done uploads', async () => {
    const { user } = renderQueue();
    const radio = (name: string) => within(screen.getByRole('radiogroup', { name: 'Show' })).getByRole('radio', { name });
    expect(radio('All').getAttribute('aria-checked')).toBe('true');
    expect(shownIds()).toEqual([1, 2, 3, 4, 5]);
    await user.click(radio('Active'));
    expect(radio('Active').getAttribute('aria-checked')).toBe('true');
    expect(radio('All').getAttribute('aria-checked')).toBe('false');
    expect(shownIds()).toEqual([1, 4]);
    await user.click(radio('Failed'));
    expect(shownIds()).toEqual([2, 5]);
    await user.click(radio('Done'));
    expect(shownIds()).toEqual([3]);
  });

  it('a filter follows status changes', async () => {
    const { store, user } = renderQueue();
    await user.click(screen.getByRole('radio', { name: 'Done' }));
    act(() => store.getState().applyRows([{ ...QUEUE[0]!, status: 'completed', acknowledgedBytes: 1_000 }]));
    expect(shownIds()).toEqual([1, 3]);
  });

  it('a filter nothing matches says so', async () => {
    const { user } = renderQueue([QUEUE[2]!]);
    await user.click(screen.getByRole('radio', { name: 'Failed' }));
    expect(screen.getByText('No uploads match this filter.')).toBeTruthy();
  });

  it('"Retry failed" retries the failed rows, which wait in their places to upload again', async () => {
    const { api, user } = renderQueue();
    await user.click(screen.getByRole('button', { name: 'Retry failed' }));
    expect(api.uploads.retry).toHaveBeenCalledWith({ ids: [2] });
    await waitFor(() => expect(queueRow(2).dataset.status).toBe('queued'));
    expect(shownIds()).toEqual([1, 2, 3, 4, 5]);
    expect(queueRow(5).dataset.status).toBe('canceled');
    expect(screen.queryByRole('button', { name: 'Retry failed' })).toBeNull();
  });

  it('Pause all and Resume all act on everything', async () => {
    const { api, user } = renderQueue();
    await user.click(screen.getByRole('button', { name: 'Pause all' }));
    await user.click(screen.getByRole('button', { name: 'Resume all' }));
    expect(api.uploads.pause).toHaveBeenCalledWith({});
    expect(api.uploads.resume).toHaveBeenCalledWith({});
  });

  it('bulk buttons appear only when they have something to do', () => {
    renderQueue([QUEUE[2]!]);
    expect(screen.queryByRole('button', { name: 'Pause all' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resume all' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry failed' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Clear finished' })).toBeTruthy();
  });

  it('Clear finished removes completed and canceled rows', async () => {
    const { user } = renderQueue();
    await user.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(shownIds()).toEqual([1, 2, 4]);
  });

  it('the header sums up the queue', () => {
    renderQueue([
      uploadRow(1, { status: 'uploading', size: 4_000, sentBytes: 1_000, acknowledgedBytes: 1_000, bytesPerSecond: 100 }),
      uploadRow(2, { status: 'completed', size: 2_000 }),
    ]);
    expect(screen.getByTestId('queue-summary').textContent).toBe('2 files · 3.0 KB of 6.0 KB uploaded · 100 B/s · 30 s left');
    expect(screen.getByRole('progressbar', { name: 'All uploads' }).getAttribute('aria-valuenow')).toBe('50');
  });

  it('an empty queue invites a drop; the header folds the list away', async () => {
    const { user } = renderQueue([]);
    expect(screen.getByText('Nothing uploading. Drop files anywhere in the window.')).toBeTruthy();
    expect(screen.getByText('No uploads')).toBeTruthy();
    const toggle = screen.getByRole('button', { name: 'Uploads' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('grid')).toBeNull();
  });
});
