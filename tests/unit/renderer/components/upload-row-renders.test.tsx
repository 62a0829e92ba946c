// A progress event re-renders the rows it changed and no others: each UploadRowView render calls rowStatus once for
// its row, so counting those calls by row id counts renders.
import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { QueuePanel } from '../../../../src/renderer/features/uploads/queue-panel';
import type * as RowStatus from '../../../../src/renderer/features/uploads/row-status';
import { rowStatus } from '../../../../src/renderer/features/uploads/row-status';
import { bindEvents } from '../../../../src/renderer/store/bind-events';
import { createAppStore } from '../../../../src/renderer/store/index';
import { createFakeApi, uploadRow } from '../fake-api';
import { renderWithStore } from '../render';

vi.mock('../../../../src/renderer/features/uploads/row-status', async (importOriginal) => {
  const original = await importOriginal<typeof RowStatus>();
  return { ...original, rowStatus: vi.fn(original.rowStatus) };
});

const rendersById = () => {
  const counts: Record<number, number> = {};
  for (const [row] of vi.mocked(rowStatus).mock.calls) counts[row.id] = (counts[row.id] ?? 0) + 1;
  return counts;
};

describe('UploadRowView renders', () => {
  const rows = Array.from({ length: 5 }, (_, i) => uploadRow(i + 1, { status: 'uploading', size: 1_000, sentBytes: 100 }));

  const setUp = () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(api, store);
    api.emit('uploads:progress', { rows });
    renderWithStore(<QueuePanel />, api, store);
    vi.mocked(rowStatus).mockClear();
    return { api, store };
  };

  it('a progress event for one row re-renders that row only', () => {
    const { api } = setUp();
    act(() => api.emit('uploads:progress', { rows: [{ ...rows[2]!, sentBytes: 600, acknowledgedBytes: 500 }] }));
    expect(rendersById()).toEqual({ 3: 1 });
  });

  it('a batch of progress re-renders the rows that changed in it, not the unchanged ones it repeats', () => {
    const { api } = setUp();
    act(() => api.emit('uploads:progress', { rows: [rows[0]!, { ...rows[1]!, sentBytes: 200 }, rows[2]!, { ...rows[4]!, status: 'completed' }] }));
    expect(rendersById()).toEqual({ 2: 1, 5: 1 });
  });

  it('selecting a row re-renders the rows whose selection changed', () => {
    const { store } = setUp();
    act(() => store.getState().selectUpload(1));
    act(() => store.getState().selectUpload(4));
    expect(rendersById()).toEqual({ 1: 2, 4: 1 });
  });
});
