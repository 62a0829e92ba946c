// One progress truth (decisions/0024): the header, each row's number and its bar show the bytes storage acknowledged;
// the bytes on the wire are only a lighter, labelled "sending" part of the bar. Reported: a 315 MB file showed
// "132 MB of 315 MB" in the header and "0 % · 0 B of 315 MB" on its row, over a bar 40 % full with no legend.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueuePanel } from '../../../../src/renderer/features/uploads/queue-panel';
import type { UploadRow } from '../../../../src/shared/ipc/schemas';
import { uploadRow } from '../fake-api';
import { queueStore, renderWithStore } from '../render';

const MB = 1_000_000;

function renderQueue(rows: UploadRow[]) {
  const { api, store } = queueStore(rows);
  return { ...renderWithStore(<QueuePanel />, api, store) };
}

const header = () => screen.getByTestId('queue-summary');
const rowOf = (id: number) => document.querySelector<HTMLElement>(`[data-upload-id="${id}"]`)!;
const rowNumbers = (id: number) => rowOf(id).querySelector('.queue-row__numbers')!.textContent;
const barOf = (name: string) => screen.getByRole('progressbar', { name: `${name} progress` });
const sendingPart = (bar: HTMLElement) => bar.querySelector<HTMLElement>('.progress__inflight')!;

describe('one progress truth in the window', () => {
  it('the reported case: 132 MB on the wire, nothing stored yet — header, row number and bar all say 0 B, the rest is "sending"', () => {
    renderQueue([uploadRow(1, { name: 'A001.mov', status: 'uploading', size: 315 * MB, acknowledgedBytes: 0, sentBytes: 132 * MB })]);
    expect(header().textContent).toContain('0 B of 315 MB uploaded');
    expect(rowNumbers(1)).toContain('0 %');
    expect(rowNumbers(1)).toContain('0 B of 315 MB');
    const bar = barOf('A001.mov');
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(sendingPart(bar).style.width).toBe('41%');
    // The lighter part says what it is, to the eye (a tooltip) and to a screen reader.
    expect(bar.getAttribute('title')).toBe('0 B of 315 MB uploaded (confirmed by Frame.io) · 132 MB sending');
    expect(bar.getAttribute('aria-valuetext')).toContain('132 MB sending');
    // And in plain sight under the bar: a swatch of the striped part, then what it means.
    const legend = rowOf(1).querySelector<HTMLElement>('.progress__legend')!;
    expect(legend.textContent).toBe('132 MB sending');
    expect(legend.querySelector('.progress__swatch')).not.toBeNull();
    const total = screen.getByRole('progressbar', { name: 'All uploads' });
    expect(total.getAttribute('aria-valuenow')).toBe('0');
    expect(sendingPart(total).style.width).toBe('41%');
  });

  it('header and rows add up to the same acknowledged bytes, a paused row included (not 0 B)', () => {
    renderQueue([
      uploadRow(1, { name: 'A001.mov', status: 'uploading', size: 315 * MB, acknowledgedBytes: 113 * MB, sentBytes: 155 * MB, bytesPerSecond: 10 * MB, etaSeconds: 20 }),
      uploadRow(2, { name: 'B001.mov', status: 'paused', size: 315 * MB, acknowledgedBytes: 50 * MB, sentBytes: 50 * MB }),
    ]);
    expect(header().textContent).toContain('2 files · 163 MB of 630 MB uploaded');
    expect(rowNumbers(1)).toContain('35 %');
    expect(rowNumbers(1)).toContain('113 MB of 315 MB');
    expect(rowNumbers(2)).toContain('15 %');
    expect(rowNumbers(2)).toContain('50.0 MB of 315 MB');
    expect(barOf('B001.mov').getAttribute('aria-valuenow')).toBe('15');
    expect(sendingPart(barOf('B001.mov')).style.width).toBe('0%'); // paused: nothing on the wire
    expect(within(rowOf(2)).getByText('Paused')).toBeTruthy();
    expect(rowOf(2).querySelector('.progress__legend')).toBeNull();
  });

  it('a re-sent part shrinks only the "sending" part: the number and the bar hold', () => {
    const { api } = renderQueue([uploadRow(1, { name: 'A001.mov', status: 'uploading', size: 315 * MB, acknowledgedBytes: 100 * MB, sentBytes: 150 * MB })]);
    expect(sendingPart(barOf('A001.mov')).style.width).toBe('16%');
    // A part failed mid-way and is sent again from its first byte: on the wire drops from 50 MB to 5 MB.
    act(() => api.emit('uploads:progress', { rows: [uploadRow(1, { name: 'A001.mov', status: 'uploading', size: 315 * MB, acknowledgedBytes: 100 * MB, sentBytes: 105 * MB, retries: 1 })] }));
    expect(header().textContent).toContain('100 MB of 315 MB uploaded');
    expect(rowNumbers(1)).toContain('100 MB of 315 MB');
    expect(barOf('A001.mov').getAttribute('aria-valuenow')).toBe('31');
    expect(sendingPart(barOf('A001.mov')).style.width).toBe('2%'); // 105 MB is 33 %, 100 MB 31 %
  });
});
